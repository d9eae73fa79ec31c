import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorData, ProfileDraft } from "../../../src/shared/contract";
import { connectionFailureKind } from "../../../src/shared/connection/connection-error";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer } from "../../harness/database";
import { startFaultProxy, type FaultProxy } from "../../harness/fault-proxy";
import { closedPort } from "../../harness/ports";
import { startSystemServer, type SystemServer } from "../../harness-extra/system-pg";
import { startTestSshd, type TestSshd } from "./sshd-fixture";
import { makeTestCertificates, type TestCertificates } from "./tls-certificates";

/**
 * Every kind of connection failure, caused for real against Debian's PostgreSQL 15 speaking
 * German (lc_messages=de_DE.UTF-8, a locale compiled into a temp folder): the advice must
 * come from SQLSTATE, routine and error codes, since the server's words are not English.
 */
describe("connection failures are named by kind, whatever language the server speaks", () => {
  let root: string;
  let certs: TestCertificates;
  let server: SystemServer;
  let app: TestApp;
  let sshd: TestSshd;
  let proxy: FaultProxy;
  const secret = "advice-secret";

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "pgdesk-advice-"));
    await chmod(root, 0o755);
    execFileSync("localedef", ["-i", "de_DE", "-f", "UTF-8", join(root, "de_DE.UTF-8")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    certs = await makeTestCertificates();
    server = await startSystemServer({
      env: { LOCPATH: root },
      settings: {
        lc_messages: "de_DE.UTF-8",
        ssl: "on",
        ssl_cert_file: certs.serverCert,
        ssl_key_file: certs.serverKey,
        max_connections: "6",
        superuser_reserved_connections: "0",
      },
      hba: [
        "local all all trust",
        "hostssl all tls_only 127.0.0.1/32 scram-sha-256",
        "host all turned_away 127.0.0.1/32 reject",
        "host all no_such_role 127.0.0.1/32 trust",
        "host all postgres 127.0.0.1/32 scram-sha-256",
        "",
      ].join("\n"),
    });
    await asAdmin(async (c) => {
      await c.query(`CREATE ROLE tls_only LOGIN PASSWORD '${secret}'`);
      await c.query(`CREATE ROLE turned_away LOGIN PASSWORD '${secret}'`);
    });
    app = await createTestApp();
    sshd = await startTestSshd();
    proxy = await startFaultProxy({ host: "127.0.0.1", port: server.port });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await sshd?.dispose();
    await server?.stop();
    await rm(certs.dir, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  async function asAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({ ...admin(), database: "postgres" });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }
  const admin = () => ({
    host: "127.0.0.1",
    port: server.port,
    user: server.user,
    password: server.password,
  });
  const draft = (extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: "advice",
    ...admin(),
    database: "postgres",
    sslmode: "prefer",
    ...extra,
  });

  /** What profiles:test answered: the error that crossed to the renderer. */
  async function failure(extra: Partial<ProfileDraft>): Promise<ApiErrorData> {
    const result = await app.raw("profiles:test", { draft: draft(extra) });
    if (result.ok) throw new Error("the connection was expected to fail");
    return result.error;
  }

  it("the server really answers in German", async () => {
    const e = await failure({ password: "wrong" });
    expect(e.message).toMatch(/Passwort-Authentifizierung/);
    expect(connectionFailureKind(e)).toBe("wrong-password");
  });

  it("a closed port: not listening", async () => {
    const e = await failure({ port: await closedPort() });
    expect(e.errno).toBe("ECONNREFUSED");
    expect(connectionFailureKind(e)).toBe("not-listening");
  });

  it("a black-holed port: no answer within the connect timeout", async () => {
    proxy.mode = "stall";
    const e = await failure({ port: proxy.port, connectTimeoutSeconds: 2, sslmode: "disable" });
    proxy.mode = "pass";
    expect(connectionFailureKind(e)).toBe("no-answer");
  });

  it("a host name that does not resolve", async () => {
    const e = await failure({ host: "no-such-host.invalid" });
    expect(connectionFailureKind(e)).toBe("dns");
  });

  it("pg_hba.conf allows a user over TLS only, and the profile says disable: TLS required", async () => {
    const e = await failure({ user: "tls_only", password: secret, sslmode: "disable" });
    expect(e.sqlState).toBe("28000");
    expect(connectionFailureKind(e)).toBe("tls-required");
    // the same user over TLS is let in
    const ok = await app.call("profiles:test", {
      draft: draft({ user: "tls_only", password: secret, sslmode: "require" }),
    });
    expect(ok.tls?.encrypted).toBe(true);
  });

  it("a server without TLS while the profile requires it: TLS refused", async () => {
    const plain = testServer(15); // the harness server runs with ssl off
    const e = await failure({
      port: plain.port,
      user: plain.user,
      password: plain.password,
      sslmode: "require",
    });
    expect(e.errno).toBe("SSL_NOT_SUPPORTED");
    expect(connectionFailureKind(e)).toBe("tls-refused");
  });

  it("a pg_hba reject rule", async () => {
    const e = await failure({ user: "turned_away", password: secret, sslmode: "require" });
    expect(connectionFailureKind(e)).toBe("hba-reject");
  });

  it("an untrusted certificate and a host name the certificate does not name", async () => {
    const untrusted = await failure({ sslmode: "verify-ca", sslRootCert: certs.otherCaCert });
    expect(connectionFailureKind(untrusted)).toBe("certificate-untrusted");
    const name = await failure({ sslmode: "verify-full", sslRootCert: certs.caCert, host: "127.0.0.1" });
    expect(connectionFailureKind(name)).toBe("certificate-name");
  });

  it("a role and a database that do not exist", async () => {
    expect(connectionFailureKind(await failure({ user: "no_such_role" }))).toBe("role-missing");
    expect(connectionFailureKind(await failure({ database: "no_such_db" }))).toBe("database-missing");
  });

  it("an SSH tunnel to a port where nothing listens, and to an SSH port where nothing listens", async () => {
    const ssh = (port: number) => ({
      host: "127.0.0.1",
      port,
      user: sshd.user,
      auth: "key" as const,
      keyFile: sshd.userKey,
      hostKey: sshd.hostFingerprint,
    });
    const forward = await failure({ ssh: ssh(sshd.port), port: await closedPort() });
    expect(forward.errno).toBe("SSH_FORWARD");
    expect(connectionFailureKind(forward)).toBe("ssh-forward");
    const noSshd = await failure({ ssh: ssh(await closedPort()) });
    expect(connectionFailureKind(noSshd)).toBe("ssh-unreachable");
  });

  it("max_connections exhausted: too many connections", async () => {
    const held: pg.Client[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const c = new pg.Client({ ...admin(), database: "postgres" });
        const full = await c.connect().then(
          () => false,
          (err: { code?: string }) => err.code === "53300",
        );
        if (full) break;
        held.push(c);
      }
      expect(held.length).toBeGreaterThan(0);
      expect(connectionFailureKind(await failure({}))).toBe("too-many-connections");
    } finally {
      await Promise.all(held.map((c) => c.end()));
    }
  });

  it("a stopped server: not listening", async () => {
    const port = server.port;
    await server.stop();
    const e = await failure({ port });
    expect(connectionFailureKind(e)).toBe("not-listening");
  });
});
