import { chmod, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProfileDraft } from "../../../src/shared/contract";
import { useTestApp } from "../../harness/app";
import { useFixture } from "../../harness/fixture";
import { PrivateServer } from "../../harness/private-server";
import { testServer } from "../../harness/database";
import { makeTestCertificates } from "./tls-certificates";

const PASSWORD = "tls-test-secret";

describe("sslmode against a real TLS PostgreSQL (libpq semantics)", () => {
  const certs = useFixture(makeTestCertificates, (c) => rm(c.dir, { recursive: true, force: true }));
  const server = useFixture(
    () =>
      PrivateServer.start({
        prefix: "pgdesk-tls-pg-",
        password: PASSWORD,
        settings: { ssl: "on", ssl_cert_file: certs.serverCert, ssl_key_file: certs.serverKey },
      }),
    (s) => s.dispose(),
  );
  const app = useTestApp();

  const draft = (extra: Partial<ProfileDraft>): ProfileDraft => ({
    name: "tls",
    host: "localhost",
    port: server.port,
    database: "postgres",
    user: server.user,
    password: PASSWORD,
    ...extra,
  });

  /** Whether the session the saved profile's pool opens is encrypted, per the server. */
  async function serverSeesSsl(extra: Partial<ProfileDraft>): Promise<boolean> {
    const saved = await app.call("profiles:save", { draft: draft(extra) });
    const { rows } = await app.ctx.db.query<{ ssl: boolean }>(
      saved.id,
      "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    await app.call("profiles:delete", { id: saved.id });
    return rows[0]!.ssl;
  }

  it("disable and allow connect in plain text; prefer and require encrypt", async () => {
    expect(await serverSeesSsl({ sslmode: "disable" })).toBe(false);
    expect(await serverSeesSsl({ sslmode: "allow" })).toBe(false);
    expect(await serverSeesSsl({ sslmode: "prefer" })).toBe(true);
    expect(await serverSeesSsl({})).toBe(true); // prefer is the default, as in libpq
    expect(await serverSeesSsl({ sslmode: "require" })).toBe(true);
  });

  it("require encrypts without verifying the certificate (unlike node-postgres' own sslmode=require)", async () => {
    const tested = await app.call("profiles:test", {
      draft: draft({ sslmode: "require", host: "127.0.0.1" }),
    });
    expect(tested.tls).toEqual({ encrypted: true, verified: "none" });
  });

  it("require with a root certificate verifies the chain, as libpq does", async () => {
    const ok = await app.call("profiles:test", {
      draft: draft({ sslmode: "require", sslRootCert: certs.caCert, host: "127.0.0.1" }),
    });
    expect(ok.tls).toEqual({ encrypted: true, verified: "chain" });
    const wrongCa = await app.raw("profiles:test", {
      draft: draft({ sslmode: "require", sslRootCert: certs.otherCaCert }),
    });
    expect(wrongCa).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
  });

  it("verify-ca checks the chain but not the host name", async () => {
    const byIp = await app.call("profiles:test", {
      draft: draft({ sslmode: "verify-ca", sslRootCert: certs.caCert, host: "127.0.0.1" }),
    });
    expect(byIp.tls).toEqual({ encrypted: true, verified: "chain" });
    const wrongCa = await app.raw("profiles:test", {
      draft: draft({ sslmode: "verify-ca", sslRootCert: certs.otherCaCert }),
    });
    expect(wrongCa).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!wrongCa.ok) expect(wrongCa.error.message).toMatch(/certificate/i);
  });

  it("verify-full succeeds with the certificate's host name and fails with another one", async () => {
    const right = await app.call("profiles:test", {
      draft: draft({ sslmode: "verify-full", sslRootCert: certs.caCert, host: "localhost" }),
    });
    expect(right.tls).toEqual({ encrypted: true, verified: "chain+hostname" });
    const wrongName = await app.raw("profiles:test", {
      draft: draft({ sslmode: "verify-full", sslRootCert: certs.caCert, host: "127.0.0.1" }),
    });
    expect(wrongName).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!wrongName.ok) expect(wrongName.error.message).toMatch(/127\.0\.0\.1|altnames|host/i);
  });

  it("verify-full through the pool of a saved profile too", async () => {
    const saved = await app.call("profiles:save", {
      draft: draft({ sslmode: "verify-full", sslRootCert: certs.caCert }),
    });
    const { rows } = await app.ctx.db.query<{ ssl: boolean }>(
      saved.id,
      "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    );
    expect(rows[0]!.ssl).toBe(true);
    const bad = await app.call("profiles:save", {
      draft: draft({ sslmode: "verify-full", sslRootCert: certs.caCert, host: "127.0.0.1" }),
    });
    await expect(app.ctx.db.query(bad.id, "SELECT 1")).rejects.toThrow(/127\.0\.0\.1|altnames|host/i);
  });

  it("names the field when a certificate file is missing or a key is readable by others", async () => {
    const missing = await app.raw("profiles:test", {
      draft: draft({ sslmode: "verify-full", sslRootCert: join(certs.dir, "nope.crt") }),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslRootCert" } });
    if (!missing.ok) expect(missing.error.message).toContain("does not exist");

    const openKey = join(certs.dir, "client-open.key");
    await writeFile(openKey, "not really a key", { mode: 0o644 });
    await chmod(openKey, 0o644);
    const loose = await app.raw("profiles:test", {
      draft: draft({ sslmode: "require", sslCert: certs.serverCert, sslKey: openKey }),
    });
    expect(loose).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslKey" } });
    if (!loose.ok) expect(loose.error.message).toContain("group or world access");

    const halfPair = await app.raw("profiles:save", {
      draft: draft({ sslmode: "require", sslCert: certs.serverCert }),
    });
    expect(halfPair).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "sslKey" } });
    expect(await app.call("profiles:list", {})).not.toContainEqual(
      expect.objectContaining({ sslCert: certs.serverCert }),
    );
  });

  it("against a server without TLS: prefer falls back to plain, require refuses", async () => {
    const plain = testServer(15);
    const base = {
      name: "plain",
      host: plain.host,
      port: plain.port,
      database: "postgres",
      user: plain.user,
      password: plain.password,
    };
    const preferred = await app.call("profiles:test", { draft: { ...base, sslmode: "prefer" } });
    expect(preferred.tls).toEqual({ encrypted: false, verified: "none" });
    const required = await app.raw("profiles:test", { draft: { ...base, sslmode: "require" } });
    expect(required).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!required.ok) expect(required.error.message).toMatch(/does not support SSL/i);
  });
});
