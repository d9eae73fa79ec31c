import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Client } from "../../../src/main/db/s3.client";
import type { Job } from "../../../src/shared/contract/backup";
import type { PitrJob } from "../../../src/shared/contract/pitr";
import { until } from "../../harness/until";
import { startTestSshd } from "../profiles/sshd-fixture";
import { startPitrFixture, type PitrFixture } from "./pitr-fixture";

const CANARY = "pgdesk-canary-secret-7f3a9c";

/** Archiving faults, S3 credential and TLS faults, and an off-site dump copy altered in its bucket. */
describe("PITR faults", () => {
  let f: PitrFixture;
  const started = Date.now();

  const archivingCheck = async () => {
    const report = await f.app.call("health:report", { profileId: f.profileId });
    return report.checks.find((c) => c.id === "archiving")!;
  };
  const archiving = () => f.app.call("pitr:archiving", { profileId: f.profileId });

  /** A second profile on the same cluster with its own pgBackRest settings. */
  const profileWith = async (name: string, configPath: string, s3Key: string, s3KeySecret: string) => {
    const p = await f.app.call("profiles:save", { draft: { name, ...f.cluster.connection } });
    await f.app.call("pitr:saveSettings", {
      profileId: p.id,
      settings: {
        configPath,
        stanza: f.cluster.stanza,
        restoreRoot: f.cluster.copies,
        timeoutSeconds: 60,
        repoSecrets: [{ repo: 2, s3Key, s3KeySecret }],
      },
    });
    return p.id;
  };

  beforeAll(async () => {
    f = await startPitrFixture({
      settings: { logging_collector: "on", log_directory: "log", log_filename: "postgresql.log" },
    });
    await f.app.call("health:setThresholds", {
      profileId: f.profileId,
      thresholds: { archiveStallWarnSec: 2, archiveStallFailSec: 4 },
    });
    await f.cluster.archiveNow();
  });

  afterAll(async () => {
    await f?.dispose();
    console.log(`pitr-faults: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("turns the archiving check red with pgBackRest's error when the repository is not writable, green after repair", async () => {
    expect((await archivingCheck()).status).toBe("pass");
    const archive = join(f.cluster.repo1, "archive");
    execFileSync("chmod", ["-R", "a-w", archive]);
    try {
      await f.cluster.pool.query("CREATE TABLE churn AS SELECT 1 AS x; SELECT pg_switch_wal()");
      await until(async () => (await archivingCheck()).status === "fail", "a red archiving check", 60_000);
      const check = await archivingCheck();
      expect(check.message).toMatch(/Archiving is failing: [0-9A-F]{24} failed at/);
      // pgBackRest's own words, read from the server log over SQL
      expect(check.message).toMatch(/The archive command said: ERROR: \[\d{3}\]: .*Permission denied/);
      expect((await archiving()).lastError).toMatch(/^ERROR: \[\d{3}\]/);
    } finally {
      execFileSync("chmod", ["-R", "u+w", archive]);
    }
    await f.cluster.archiveNow();
    await until(async () => (await archivingCheck()).status === "pass", "a green archiving check", 60_000);
  });

  it("shows archiving as stalled while the S3 endpoint does not answer, with the failure counter still", async () => {
    await f.cluster.archiveNow();
    const before = await archiving();
    f.s3.pause();
    try {
      await f.cluster.pool.query("INSERT INTO churn VALUES (2); SELECT pg_switch_wal()");
      await until(async () => (await archiving()).state === "stalled", "archiving shown stalled", 60_000);
      const stalled = await archiving();
      expect(stalled.failedCount).toBe(before.failedCount);
      expect(stalled.ready!.count).toBeGreaterThan(0);
      expect(stalled.summary).toContain("failure counter unchanged");
      expect(["warn", "fail"]).toContain((await archivingCheck()).status);
    } finally {
      f.s3.resume();
    }
    await f.cluster.archiveNow();
    await until(async () => (await archiving()).state === "ok", "archiving ok again", 90_000);
  });

  it("runs a stanza's backups one at a time and cancels a running one", async () => {
    // the stalled endpoint holds the repo2 backup on its first request (about 8 × io-timeout)
    f.s3.pause();
    let first: PitrJob;
    let second: PitrJob;
    try {
      const a = await f.app.call("pitr:backup", { profileId: f.profileId, type: "full", repo: 2 });
      const b = await f.app.call("pitr:backup", { profileId: f.profileId, type: "full", repo: 1 });
      await f.app.waitForEvent("pitr:didProgress", (j) => j.id === a.jobId && j.state === "running");
      expect((await f.app.call("pitr:jobs", {})).find((j) => j.id === b.jobId)!.state).toBe("queued");
      await f.app.call("pitr:cancel", { jobId: a.jobId });
      first = await f.finish(a.jobId);
      f.s3.resume();
      second = await f.finish(b.jobId);
    } finally {
      f.s3.resume();
    }
    expect(first.state).toBe("cancelled");
    expect(first.error!.message).toMatch(/pgbackrest was stopped/);
    expect(second.state, second.error?.message).toBe("succeeded");
    expect(second.backup).toMatchObject({ type: "full", repo: 1 });
    // the second never ran before the first was over
    const states = (id: string) =>
      f.app.events.flatMap((e, i) => {
        const job = e.payload as PitrJob;
        return e.event === "pitr:didProgress" && job.id === id ? [{ i, state: job.state }] : [];
      });
    const firstOver = states(first.id).find((s) => s.state === "cancelled")!.i;
    expect(states(second.id).find((s) => s.state === "running")!.i).toBeGreaterThan(firstOver);
    const info = await f.app.call("pitr:info", { profileId: f.profileId });
    expect(info.backups.filter((s) => s.repo === 1).map((s) => s.label)).toContain(second.backup!.label);
  });

  it("says in words what pgbackrest check found, passed or failed", async () => {
    const passed = await f.app.call("pitr:check", { profileId: f.profileId });
    expect(passed.ok, passed.message).toBe(true);
    expect(passed.message).toContain(`valid for stanza ${f.cluster.stanza}`);
    const id = await profileWith("check with a wrong key", f.cluster.config, "WRONGKEY", CANARY);
    const failed = await f.app.call("pitr:check", { profileId: id });
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(
      /^pgbackrest check failed \(exit code \d+\): .*(403|InvalidAccessKeyId|SignatureDoesNotMatch)/,
    );
    expect(failed.message).toContain("HINT: ");
    // S3's error body names the access key: hidden like the secret
    expect(JSON.stringify(failed)).not.toContain(CANARY);
    expect(JSON.stringify(failed)).not.toContain("WRONGKEY");
  });

  it("says clearly when the S3 key is wrong, and never shows or logs it", async () => {
    const id = await profileWith("wrong key", f.cluster.config, "WRONGKEY", CANARY);
    const info = await f.app.call("pitr:info", { profileId: id });
    const repo2 = info.repos.find((r) => r.repo === 2)!;
    expect(repo2.code).not.toBe(0);
    expect(repo2.message).toMatch(/403|InvalidAccessKeyId|SignatureDoesNotMatch/);
    expect(info.repos.find((r) => r.repo === 1)!.message).not.toMatch(/403|InvalidAccessKeyId/);
    const stored = await readFile(join(f.app.dataDir, "pitr.json"), "utf8");
    const settings = await f.app.call("pitr:getSettings", { profileId: id });
    expect(settings!.repoSecrets).toEqual([{ repo: 2, hasS3Key: true, hasCipherPass: false }]);
    for (const text of [stored, JSON.stringify(settings), JSON.stringify(info), f.app.log.lines.join("\n")])
      expect(text).not.toContain(CANARY);
  });

  it("says clearly when the S3 endpoint's certificate is not trusted", async () => {
    const conf = (await readFile(f.cluster.config, "utf8")).replace(
      /repo2-storage-ca-file=.*/,
      `repo2-storage-ca-file=${f.s3.certs.otherCaCert}`,
    );
    const other = join(f.cluster.root, "pgbackrest-other-ca.conf");
    await writeFile(other, conf, { mode: 0o644 });
    const id = await profileWith("untrusted CA", other, f.s3.accessKeyId, f.s3.secretAccessKey);
    const info = await f.app.call("pitr:info", { profileId: id });
    const repo2 = info.repos.find((r) => r.repo === 2)!;
    expect(repo2.code).not.toBe(0);
    expect(repo2.message).toMatch(/certificate verify|TLS|unable to verify/i);
  });

  it("runs pgbackrest on the database host over the profile's SSH settings, as the data directory's owner", async () => {
    const sshd = await startTestSshd();
    try {
      const ssh = {
        host: "127.0.0.1",
        port: sshd.port,
        user: sshd.user,
        auth: "key" as const,
        keyFile: sshd.userKey,
      };
      const settings = {
        configPath: f.cluster.config,
        stanza: f.cluster.stanza,
        location: "ssh" as const,
        restoreRoot: f.cluster.copies,
        repoSecrets: [{ repo: 2, s3Key: "WRONGKEY", s3KeySecret: CANARY }],
      };
      const unknown = await f.app.call("profiles:save", {
        draft: { name: "over ssh", ...f.cluster.connection, ssh },
      });
      await f.app.call("pitr:saveSettings", { profileId: unknown.id, settings });
      // the host key is checked as for tunnels: an unknown key is refused with its fingerprint
      const refused = await f.app.raw("pitr:info", { profileId: unknown.id });
      expect(!refused.ok && refused.error.message).toContain(`Its fingerprint is ${sshd.hostFingerprint}`);

      const trusted = await f.app.call("profiles:save", {
        id: unknown.id,
        draft: { name: "over ssh", ...f.cluster.connection, ssh: { ...ssh, hostKey: sshd.hostFingerprint } },
      });
      const info = await f.app.call("pitr:info", { profileId: trusted.id });
      expect(info.stanza).toBe(f.cluster.stanza);
      // the (wrong) key reached pgbackrest through the channel's stdin: S3 refused it
      expect(info.repos.find((r) => r.repo === 2)!.message).toMatch(
        /403|InvalidAccessKeyId|SignatureDoesNotMatch/,
      );
      await f.app.call("pitr:saveSettings", {
        profileId: trusted.id,
        settings: {
          ...settings,
          repoSecrets: [{ repo: 2, s3Key: f.s3.accessKeyId, s3KeySecret: f.s3.secretAccessKey }],
        },
      });
      const good = await f.app.call("pitr:info", { profileId: trusted.id });
      expect(good.repos.map((r) => r.message)).not.toContainEqual(expect.stringMatching(/403/));
      expect(f.app.log.lines.join("\n")).not.toContain(CANARY);
    } finally {
      await sshd.dispose();
    }
  });

  describe("off-site copy of a dump", () => {
    let folder: string;
    let file: string;
    let targetId: string;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), "pgdesk-offsite-"));
      const { jobId } = await f.app.call("backup:start", {
        profileId: f.profileId,
        database: "postgres",
        folder,
      });
      const job = await f.app.waitForEvent(
        "backup:didProgress",
        (j: Job) => j.id === jobId && ["succeeded", "failed"].includes(j.state),
        120_000,
      );
      expect(job.state, job.error?.message).toBe("succeeded");
      file = job.file;
      const target = await f.app.call("offsite:saveTarget", {
        name: "test bucket",
        endpoint: f.s3.endpoint,
        bucket: f.s3.bucket,
        prefix: "dumps/",
        caFile: f.s3.certs.caCert,
        accessKeyId: f.s3.accessKeyId,
        secretAccessKey: f.s3.secretAccessKey,
      });
      targetId = target.id;
      expect(target.hasKeys).toBe(true);
    });

    afterAll(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    it("copies it verified, then fails verification once the object is altered in the bucket", async () => {
      const copy = await f.app.call("offsite:copy", { folder, file, targetId });
      expect(copy.verifiedAt).toBeDefined();
      expect(copy.key).toBe(`dumps/postgres/${file}`);
      expect(await f.app.call("offsite:verify", { folder, file, targetId })).toMatchObject({ ok: true });
      const listed = await f.app.call("offsite:copies", { folder });
      expect(listed.map((c) => [c.file, Boolean(c.verifiedAt)])).toEqual([[file, true]]);

      // someone rewrites the object in place, keeping its metadata
      const client = await s3Client({
        ...f.s3,
        region: "us-east-1",
        forcePathStyle: true,
        caFile: f.s3.certs.caCert,
      });
      const original = await readFile(join(folder, file));
      const altered = Buffer.from(original);
      const middle = altered.length >> 1;
      altered[middle] = altered[middle]! ^ 0xff;
      await client.send(
        new PutObjectCommand({
          Bucket: f.s3.bucket,
          Key: copy.key,
          Body: altered,
          Metadata: { sha256: copy.sha256 },
        }),
      );
      client.destroy();
      const verdict = await f.app.call("offsite:verify", { folder, file, targetId });
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join(" ")).toMatch(
        /read back has SHA-256 [0-9a-f]{64}, the backup's recorded one is [0-9a-f]{64}: .* was changed or damaged/,
      );
    });

    it("refuses a wrong key and an untrusted certificate with clear words", async () => {
      const wrong = await f.app.call("offsite:saveTarget", {
        name: "wrong key",
        endpoint: f.s3.endpoint,
        bucket: f.s3.bucket,
        caFile: f.s3.certs.caCert,
        accessKeyId: "WRONGKEY",
        secretAccessKey: CANARY,
      });
      const refused = await f.app.raw("offsite:copy", { folder, file, targetId: wrong.id });
      expect(!refused.ok && refused.error).toMatchObject({ code: "UNAUTHORIZED" });
      expect(!refused.ok && refused.error.message).toMatch(
        /refused the access key \((InvalidAccessKeyId|SignatureDoesNotMatch)\)/,
      );
      expect(JSON.stringify(refused)).not.toContain(CANARY);

      const untrusted = await f.app.call("offsite:saveTarget", {
        name: "untrusted",
        endpoint: f.s3.endpoint,
        bucket: f.s3.bucket,
        caFile: f.s3.certs.otherCaCert,
        accessKeyId: f.s3.accessKeyId,
        secretAccessKey: f.s3.secretAccessKey,
      });
      const tls = await f.app.raw("offsite:copy", { folder, file, targetId: untrusted.id });
      expect(!tls.ok && tls.error).toMatchObject({ code: "CONNECTION", field: "caFile" });
      expect(!tls.ok && tls.error.message).toMatch(/certificate of https:\/\/localhost:\d+ is not trusted/);
      const stored = await readFile(join(f.app.dataDir, "offsite.json"), "utf8");
      expect(stored).not.toContain(CANARY);
      expect(f.app.log.lines.join("\n")).not.toContain(CANARY);
    });
  });
});
