// bench pitr: (1) on a `pgbench -i -s 20` database, pgdesk's restore to a time (pitr:restore through the
// registry: window check, new 0700 data directory, pgbackrest restore, start, wait until writable) vs the
// bare `pgbackrest restore` + `pg_ctl start` + polling pg_is_in_recovery() of the same moment, alternately;
// (2) an S3 copy of a ~200 MB dump with verification (offsite:copy: multipart upload, read back, SHA-256)
// vs a bare lib-storage upload + full download with the same client settings. --scale=N sets pgbench's scale.
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import pg from "pg";
import { freePort } from "../harness/ports";
import { PART_BYTES, s3Client } from "../../src/main/db/s3.client";
import type { Job } from "../../src/shared/contract/backup";
import { startBackrestCluster } from "../harness-extra/backrest-cluster";
import { startTestS3 } from "../harness-extra/s3-server";
import { SYSTEM_PG_BIN } from "../harness-extra/system-pg";
import { createTestApp } from "../harness/app";
import { alternate, median, report, scaleArg } from "./support";

const run = promisify(execFile);
const scale = scaleArg(20);
const runs = 5;
/** --only=restore or --only=s3 runs one of the two scenarios. */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const s3 = await startTestS3("bench");
const cluster = await startBackrestCluster();
const app = await createTestApp();
const folder = await mkdtemp(join(tmpdir(), "pgdesk-bench-pitr-"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

try {
  console.log(`pgbench -i -s ${scale}…`);
  await run(
    join(SYSTEM_PG_BIN, "pgbench"),
    [
      "-i",
      "-s",
      String(scale),
      "-q",
      "-h",
      "127.0.0.1",
      "-p",
      String(cluster.port),
      "-U",
      "postgres",
      "postgres",
    ],
    {
      env: { ...process.env, PGPASSWORD: cluster.password },
    },
  );
  const size = (
    await cluster.pool.query<{ s: string }>("SELECT pg_size_pretty(pg_database_size('postgres')) AS s")
  ).rows[0]!.s;
  await cluster.backrest(["backup", "--type=full"]);
  await cluster.pool.query("UPDATE pgbench_branches SET bbalance = bbalance + 1");
  const t = (
    await cluster.pool.query<{ t: string }>(
      "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS t",
    )
  ).rows[0]!.t;
  await cluster.pool.query("UPDATE pgbench_branches SET bbalance = 0");
  await cluster.archiveNow();
  const info = JSON.parse(await cluster.backrest(["info", "--output=json"])) as Array<{
    backup: Array<{ label: string }>;
  }>;
  const set = info[0]!.backup.at(-1)!.label;
  console.log(`database ${size}, full backup ${set}, target ${t}`);

  const { id: profileId } = await app.call("profiles:save", {
    draft: { name: "bench", ...cluster.connection },
  });
  await app.call("pitr:saveSettings", {
    profileId,
    settings: {
      configPath: cluster.config,
      stanza: cluster.stanza,
      restoreRoot: cluster.copies,
      pgBinDir: SYSTEM_PG_BIN,
    },
  });

  if (only !== "s3") {
    const writable: { app: number[]; baseline: number[] } = { app: [], baseline: [] };
    const phases: Array<[number, number]> = [];
    const appPhases: number[] = [];
    const pgdesk = async () => {
      const { jobId } = await app.call("pitr:restore", { profileId, target: { kind: "time", time: t } });
      const job = await app.waitForEvent(
        "pitr:didProgress",
        (j) => j.id === jobId && ["succeeded", "failed"].includes(j.state),
        600_000,
      );
      if (job.state !== "succeeded") throw new Error(`restore failed: ${job.error?.message}`);
      writable.app.push(job.restore!.writableAfterMs!);
      const files = job.log.map((l) => /files restored after ([\d.]+) s/.exec(l)).find(Boolean);
      appPhases.push(files ? Number(files[1]) * 1000 : NaN);
      return job.restore!.copyId!;
    };
    let n = 0;
    const bare = async () => {
      const started = performance.now();
      const root = join(cluster.copies, `bare-${n++}`);
      const data = join(root, "data");
      await cluster.asPostgres("mkdir", ["-m", "0700", root]);
      await cluster.asPostgres("mkdir", ["-m", "0700", data]);
      await cluster.backrest([
        "restore",
        `--pg1-path=${data}`,
        `--set=${set}`,
        "--type=time",
        `--target=${t}`,
        "--target-action=promote",
        "--archive-mode=off",
      ]);
      const restored = performance.now();
      const port = await freePort();
      await cluster.asPostgres(join(SYSTEM_PG_BIN, "pg_ctl"), [
        "start",
        "-D",
        data,
        "-l",
        join(root, "server.log"),
        "-W",
        "-s",
        "-o",
        `-c port=${port} -c unix_socket_directories=${root}`,
      ]);
      const client = { ...cluster.connection, port };
      for (;;) {
        const c = new pg.Client(client);
        const out = await c
          .connect()
          .then(() => c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r"))
          .then((r) => r.rows[0]!.r)
          .catch(() => true)
          .finally(() => c.end().catch(() => undefined));
        if (!out) break;
        await sleep(300);
      }
      writable.baseline.push(performance.now() - started);
      phases.push([restored - started, performance.now() - restored]);
      return { root, data };
    };
    const appCopies: string[] = [];
    const bareCopies: Array<{ root: string; data: string }> = [];
    const restoreTimes = await alternate(
      runs,
      async () => appCopies.push(await pgdesk()),
      async () => bareCopies.push(await bare()),
    );
    for (const id of appCopies) await app.call("pitr:dropCopy", { id });
    for (const c of bareCopies) {
      await cluster.asPostgres(join(SYSTEM_PG_BIN, "pg_ctl"), [
        "stop",
        "-D",
        c.data,
        "-m",
        "immediate",
        "-w",
      ]);
      await cluster.asPostgres("rm", ["-rf", c.root]);
    }
    report(
      `pitr/restore-time-s${scale}`,
      median(restoreTimes.app),
      median(restoreTimes.baseline),
      "ms",
      "<= 1.05",
      runs,
    );
    console.log(
      `pgdesk phases (median): files restored after ${(median(appPhases) / 1000).toFixed(1)} s, writable after ${(median(writable.app) / 1000).toFixed(1)} s; bare phases (median): pgbackrest restore ${(median(phases.map((p) => p[0])) / 1000).toFixed(1)} s, start to writable ${(median(phases.map((p) => p[1])) / 1000).toFixed(1)} s`,
    );
    console.log(
      `time to a writable copy (median, ${size} database): pgdesk ${(median(writable.app.slice(1)) / 1000).toFixed(1)} s, bare ${(median(writable.baseline.slice(1)) / 1000).toFixed(1)} s`,
    );
  }

  if (only !== "restore") {
    // (2) a ~200 MB dump (custom format, no compression) copied to S3 and verified
    const { jobId } = await app.call("backup:start", {
      profileId,
      database: "postgres",
      folder,
      format: "custom",
      compression: 0,
    });
    const dump = await app.waitForEvent(
      "backup:didProgress",
      (j: Job) => j.id === jobId && ["succeeded", "failed"].includes(j.state),
      600_000,
    );
    if (dump.state !== "succeeded") throw new Error(`dump failed: ${dump.error?.message}`);
    const file = join(folder, dump.file);
    const bytes = (await stat(file)).size;
    const target = await app.call("offsite:saveTarget", {
      name: "bench",
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      caFile: s3.certs.caCert,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    const endpoint = { ...s3, region: "us-east-1", forcePathStyle: true, caFile: s3.certs.caCert };
    const copyTimes = await alternate(
      runs,
      async () => {
        const copy = await app.call("offsite:copy", { folder, file: dump.file, targetId: target.id });
        if (!copy.verifiedAt) throw new Error("copy not verified");
      },
      async () => {
        const client = await s3Client(endpoint);
        await new Upload({
          client,
          params: {
            Bucket: s3.bucket,
            Key: "bare/dump",
            Body: createReadStream(file, { highWaterMark: 1 << 20 }),
            ContentLength: bytes,
          },
          partSize: PART_BYTES,
          queueSize: 4,
        }).done();
        const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "bare/dump" }));
        for await (const _chunk of res.Body as Readable);
        client.destroy();
      },
    );
    report(
      `pitr/s3-copy-${Math.round(bytes / 1024 / 1024)}mb`,
      median(copyTimes.app),
      median(copyTimes.baseline),
      "ms",
      "<= 1.1",
      runs,
    );
  }
} finally {
  await app.close();
  await cluster.stop();
  await s3.stop();
  await rm(folder, { recursive: true, force: true });
}
