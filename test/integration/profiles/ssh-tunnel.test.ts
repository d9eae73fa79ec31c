import { execFileSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../harness/ports";
import { childEnv } from "../../../src/main/features/backup/child-env";
import type { ProfileDraft } from "../../../src/shared/contract";
import { useTestApp } from "../../harness/app";
import { useFreshDatabase } from "../../harness/database";
import { useTestSshd } from "./sshd-fixture";

describe("SSH tunnels through a real OpenSSH sshd", () => {
  const sshd = useTestSshd();
  const db = useFreshDatabase(15, "ssh");
  const app = useTestApp();

  const draft = (
    ssh: Partial<NonNullable<ProfileDraft["ssh"]>> = {},
    extra: Partial<ProfileDraft> = {},
  ): ProfileDraft => ({
    name: "via ssh",
    ...db.connection,
    ssh: { host: "127.0.0.1", port: sshd.port, user: sshd.user, auth: "key", keyFile: sshd.userKey, ...ssh },
    ...extra,
  });

  it("asks to confirm an unknown host key, showing its fingerprint", async () => {
    const result = await app.raw("profiles:test", { draft: draft() });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", field: "ssh.hostKey", detail: sshd.hostFingerprint },
    });
    if (!result.ok) expect(result.error.message).toContain(sshd.hostFingerprint);
  });

  it("connects once the fingerprint is trusted", async () => {
    const tested = await app.call("profiles:test", { draft: draft({ hostKey: sshd.hostFingerprint }) });
    expect(tested.serverVersionNum).toBeGreaterThan(150000);
  });

  it("refuses a changed host key and shows both fingerprints", async () => {
    const other = "SHA256:" + "A".repeat(43);
    const result = await app.raw("profiles:test", { draft: draft({ hostKey: other }) });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "ssh.hostKey" } });
    if (!result.ok) {
      expect(result.error.message).toContain(other);
      expect(result.error.message).toContain(sshd.hostFingerprint);
      expect(result.error.message).toMatch(/CHANGED/);
    }
  });

  it("uses an encrypted key with its passphrase, and names the field for a wrong one", async () => {
    const base = { hostKey: sshd.hostFingerprint, keyFile: sshd.encryptedUserKey };
    const wrong = await app.raw("profiles:test", { draft: draft(base, { sshSecret: "wrong passphrase" }) });
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sshSecret" } });
    const none = await app.raw("profiles:test", { draft: draft(base) });
    expect(none).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sshSecret" } });
    const missing = await app.raw("profiles:test", {
      draft: draft({ hostKey: sshd.hostFingerprint, keyFile: "/nonexistent/key" }),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "ssh.keyFile" } });
    const right = await app.call("profiles:test", { draft: draft(base, { sshSecret: sshd.passphrase }) });
    expect(right.serverVersionNum).toBeGreaterThan(0);
    const saved = await app.call("profiles:save", {
      draft: draft(base, { name: "enc key", sshSecret: sshd.passphrase }),
    });
    expect(saved).toMatchObject({ hasSshSecret: true, ssh: { auth: "key", keyFile: sshd.encryptedUserKey } });
    expect(JSON.stringify(saved)).not.toContain(sshd.passphrase);
    expect((await app.call("profiles:test", { id: saved.id })).serverVersionNum).toBeGreaterThan(0);
  });

  it("a multi-host profile tunnels to each host it tries, and the pool's tunnel goes to the host chosen", async () => {
    const down = await closedPort();
    const hosts = {
      host: "127.0.0.1",
      port: down,
      additionalHosts: [{ host: "127.0.0.1", port: db.connection.port }],
    };
    const tested = await app.call("profiles:test", {
      draft: draft({ hostKey: sshd.hostFingerprint }, hosts),
    });
    expect(tested).toMatchObject({ host: "127.0.0.1", port: db.connection.port });
    expect(tested.skipped?.map((f) => f.port)).toEqual([down]);

    const saved = await app.call("profiles:save", {
      draft: draft({ hostKey: sshd.hostFingerprint }, { name: "multi via ssh", ...hosts }),
    });
    const { rows } = await app.ctx.db.query<{ port: string }>(
      saved.id,
      "SELECT current_setting('port') AS port",
    );
    expect(Number(rows[0]!.port)).toBe(db.connection.port);
    expect(await app.call("profiles:connectionStatus", { id: saved.id })).toMatchObject({
      port: db.connection.port,
    });

    // a child gets one tunnel per host, in list order, with the real names kept for TLS
    const child = await childEnv(await app.ctx.profiles.connectionParams(saved.id));
    try {
      expect(child.env.PGHOST).toBe("127.0.0.1,127.0.0.1");
      expect(child.env.PGHOSTADDR).toBe("127.0.0.1,127.0.0.1");
      expect(child.env.PGPORT?.split(",")).toHaveLength(2);
    } finally {
      await child.dispose();
    }
    await app.call("profiles:delete", { id: saved.id });
  });

  it("recovers after sshd is killed mid-session and comes back", async () => {
    const saved = await app.call("profiles:save", {
      draft: draft({ hostKey: sshd.hostFingerprint }, { name: "tunnelled" }),
    });
    const first = await app.ctx.db.query<{ db: string }>(saved.id, "SELECT current_database() AS db");
    expect(first.rows[0]).toEqual({ db: db.name });

    await sshd.stop();
    const down = await app
      .waitForEvent(
        "connection:didChangeState",
        (p) => p.profileId === saved.id && p.state === "disconnected",
        30_000,
      )
      .catch((e: Error) => {
        throw new Error(
          `${e.message}; events: ${JSON.stringify(app.events)}; log: ${app.log.lines.join(" | ")}`,
        );
      });
    expect(down.message).toMatch(/SSH|ECONNREFUSED/);
    const failed = await app.raw("server:overview", { profileId: saved.id });
    expect(failed).toMatchObject({ ok: false, error: { code: "CONNECTION" } });

    await sshd.start();
    expect((await app.call("profiles:retryConnection", { id: saved.id })).state).toBe("connected");
    const again = await app.ctx.db.query<{ db: string }>(saved.id, "SELECT current_database() AS db");
    expect(again.rows[0]).toEqual({ db: db.name });
  });
});

describe("SSH settings from ~/.ssh/config and ~/.ssh/known_hosts", () => {
  const sshd = useTestSshd();
  const db = useFreshDatabase(15, "sshcfg");
  const app = useTestApp();
  let home: string;
  const realHome = process.env.HOME;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "pgdesk-home-"));
    await mkdir(join(home, ".ssh"), { mode: 0o700 });
    await copyFile(sshd.userKey, join(home, ".ssh", "jump_key"));
    await chmod(join(home, ".ssh", "jump_key"), 0o600);
    await writeFile(
      join(home, ".ssh", "config"),
      `Host other\n  HostName 192.0.2.1\n\nHost pgjump *.jump\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  IdentityFile ~/.ssh/jump_key\n`,
    );
    process.env.HOME = home;
  });
  afterAll(async () => {
    process.env.HOME = realHome;
    await rm(home, { recursive: true, force: true });
  });

  const viaAlias = (): ProfileDraft => ({
    name: "alias",
    ...db.connection,
    ssh: { host: "pgjump", port: 22, user: sshd.user, auth: "key" },
  });

  it("resolves a Host alias (HostName, Port, IdentityFile) and trusts a key listed in a hashed known_hosts entry", async () => {
    const first = await app.raw("profiles:test", { draft: viaAlias() });
    expect(first).toMatchObject({ ok: false, error: { field: "ssh.hostKey", detail: sshd.hostFingerprint } });

    const salt = randomBytes(20);
    const hash = createHmac("sha1", salt).update(`[127.0.0.1]:${sshd.port}`).digest("base64");
    const [type, blob] = sshd.hostPublicKey.split(" ");
    await writeFile(
      join(home, ".ssh", "known_hosts"),
      `|1|${salt.toString("base64")}|${hash} ${type} ${blob}\n`,
    );
    const tested = await app.call("profiles:test", { draft: viaAlias() });
    expect(tested.serverVersionNum).toBeGreaterThan(0);
  });

  it("refuses when known_hosts has a different key for the host, showing both fingerprints", async () => {
    const otherKeyDir = await mkdtemp(join(tmpdir(), "pgdesk-otherkey-"));
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(otherKeyDir, "k")]);
    const other = (await readFile(join(otherKeyDir, "k.pub"), "utf8")).split(" ");
    const otherFp = execFileSync("ssh-keygen", ["-lf", join(otherKeyDir, "k.pub")])
      .toString()
      .split(" ")[1]!;
    await writeFile(join(home, ".ssh", "known_hosts"), `[127.0.0.1]:${sshd.port} ${other[0]} ${other[1]}\n`);
    await rm(otherKeyDir, { recursive: true, force: true });
    const result = await app.raw("profiles:test", { draft: viaAlias() });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "ssh.hostKey" } });
    if (!result.ok) {
      expect(result.error.message).toContain(otherFp);
      expect(result.error.message).toContain(sshd.hostFingerprint);
      expect(result.error.message).toContain("known_hosts");
    }
  });
});
