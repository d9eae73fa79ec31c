import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileDraft } from "../../../src/shared/contract";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { startTestSshd, type TestSshd } from "./sshd-fixture";

describe("SSH tunnels through a real OpenSSH sshd", () => {
  let sshd: TestSshd;
  let app: TestApp;
  let db: FreshDatabase;

  beforeAll(async () => {
    sshd = await startTestSshd();
    db = await freshDatabase(15, "ssh");
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await sshd?.dispose();
  });

  const draft = (ssh: Partial<NonNullable<ProfileDraft["ssh"]>> = {}, extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: "via ssh",
    ...db.connection,
    ssh: { host: "127.0.0.1", port: sshd.port, user: sshd.user, auth: "key", keyFile: sshd.userKey, ...ssh },
    ...extra,
  });

  it("asks to confirm an unknown host key, showing its fingerprint", async () => {
    const result = await app.raw("profiles:test", { draft: draft() });
    expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "ssh.hostKey", detail: sshd.hostFingerprint } });
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
    const missing = await app.raw("profiles:test", { draft: draft({ hostKey: sshd.hostFingerprint, keyFile: "/nonexistent/key" }) });
    expect(missing).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "ssh.keyFile" } });
    const right = await app.call("profiles:test", { draft: draft(base, { sshSecret: sshd.passphrase }) });
    expect(right.serverVersionNum).toBeGreaterThan(0);
    const saved = await app.call("profiles:save", { draft: draft(base, { name: "enc key", sshSecret: sshd.passphrase }) });
    expect(saved).toMatchObject({ hasSshSecret: true, ssh: { auth: "key", keyFile: sshd.encryptedUserKey } });
    expect(JSON.stringify(saved)).not.toContain(sshd.passphrase);
    expect((await app.call("profiles:test", { id: saved.id })).serverVersionNum).toBeGreaterThan(0);
  });

  it("recovers after sshd is killed mid-session and comes back", async () => {
    const saved = await app.call("profiles:save", { draft: draft({ hostKey: sshd.hostFingerprint }, { name: "tunnelled" }) });
    const first = await app.ctx.db.query<{ db: string }>(saved.id, "SELECT current_database() AS db");
    expect(first.rows[0]).toEqual({ db: db.name });

    await sshd.stop();
    const down = await app.waitForEvent("connection:didChangeState", (p) => p.profileId === saved.id && p.state === "disconnected");
    expect(down.message).toMatch(/SSH|ECONNREFUSED/);
    const failed = await app.raw("server:overview", { profileId: saved.id });
    expect(failed).toMatchObject({ ok: false, error: { code: "CONNECTION" } });

    await sshd.start();
    expect((await app.call("profiles:retryConnection", { id: saved.id })).state).toBe("connected");
    const again = await app.ctx.db.query<{ db: string }>(saved.id, "SELECT current_database() AS db");
    expect(again.rows[0]).toEqual({ db: db.name });
  });
});
