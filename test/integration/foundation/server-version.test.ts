import { randomBytes } from "node:crypto";
import { createServer, Socket, type Server } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileDraft } from "../../../src/shared/contract";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer, type Major } from "../../harness/database";
import { startFaultProxy } from "../../harness/fault-proxy";
import type { TestServer } from "../../harness/pg-servers";
import { until } from "../../harness/until";

/**
 * The server version is asked once per pool (src/main/db/server-version.ts) and every
 * feature reads it from there. One database of the same name on both servers lets a
 * profile move from the 15 server to the 18 one, as a failover or an upgrade behind the
 * same address would.
 */
describe("the server version, asked once per pool", () => {
  const db = `sv_${randomBytes(4).toString("hex")}`;
  let app: TestApp;

  const admin = async (server: TestServer, database: string, text: string) => {
    const c = new pg.Client({ ...serverLogin(server), database });
    await c.connect();
    try {
      return (await c.query(text)).rows;
    } finally {
      await c.end();
    }
  };
  const draft = (port: number, extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: "version",
    host: "127.0.0.1",
    port,
    database: db,
    user: testServer(15).user,
    password: testServer(15).password,
    sslmode: "disable",
    ...extra,
  });
  const overviewVersion = async (profileId: string) =>
    (await app.call("server:overview", { profileId })).versionNum;
  /** Polls until a call lands on the expected major (the call racing a dropped connection may fail once). */
  const landsOn = (profileId: string, major: Major) =>
    until(
      async () => Math.floor(((await overviewVersion(profileId).catch(() => 0)) || 0) / 10000) === major,
      `the profile's pool reporting PostgreSQL ${major}`,
    );

  beforeAll(async () => {
    for (const major of [15, 18] as const) {
      await admin(testServer(major), "postgres", `CREATE DATABASE ${db}`);
      await admin(testServer(major), db, "CREATE EXTENSION pg_stat_statements");
    }
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
    for (const major of [15, 18] as const)
      await admin(testServer(major), "postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  it.each([15, 18] as const)("PostgreSQL %i: every feature reports the version, read once", async (major) => {
    const server = testServer(major);
    const saved = await app.call("profiles:save", { draft: draft(server.port) });
    try {
      const reported = [
        (await app.call("profiles:test", { id: saved.id })).serverVersionNum,
        await overviewVersion(saved.id),
        (await app.call("schema:introspect", { profileId: saved.id })).serverVersionNum,
        (await app.call("health:report", { profileId: saved.id })).serverVersionNum,
        (await app.call("indexes:report", { profileId: saved.id })).serverVersionNum,
        (await app.call("explain:run", { profileId: saved.id, sql: "SELECT 1" })).serverVersionNum,
        await overviewVersion(saved.id),
      ];
      const [{ num }] = (await admin(
        server,
        db,
        "SELECT current_setting('server_version_num')::int AS num",
      )) as [{ num: number }];
      expect(Math.floor(num / 10000)).toBe(major);
      expect(reported).toEqual(reported.map(() => num));
      // the pool asked once; profiles:test asked once on its own short-lived connection
      const [{ calls }] = (await admin(
        server,
        db,
        `SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND query LIKE '%current_setting(%) AS text, current_setting(%)::int AS num%'`,
      )) as [{ calls: number }];
      expect(calls).toBe(2);
    } finally {
      await app.call("profiles:delete", { id: saved.id });
    }
  });

  it("a multi-host profile that lands on another host reports that host's version", async () => {
    const first = await startFaultProxy({ host: testServer(15).host, port: testServer(15).port });
    const saved = await app.call("profiles:save", {
      draft: draft(first.port, { additionalHosts: [{ host: "127.0.0.1", port: testServer(18).port }] }),
    });
    try {
      expect(Math.floor((await overviewVersion(saved.id)) / 10000)).toBe(15);
      await first.close(); // the first host goes away for good
      await landsOn(saved.id, 18);
      expect(await app.call("profiles:connectionStatus", { id: saved.id })).toMatchObject({
        port: testServer(18).port,
      });
    } finally {
      await app.call("profiles:delete", { id: saved.id });
      await first.close();
    }
  });

  it("a single host that comes back as another server is asked again", async () => {
    const proxy = await switchableProxy(testServer(15));
    const saved = await app.call("profiles:save", { draft: draft(proxy.port) });
    try {
      expect(Math.floor((await overviewVersion(saved.id)) / 10000)).toBe(15);
      proxy.switchTo(testServer(18)); // same address, another server behind it
      await landsOn(saved.id, 18);
    } finally {
      await app.call("profiles:delete", { id: saved.id });
      await proxy.close();
    }
  });
});

function serverLogin(server: TestServer) {
  return { host: server.host, port: server.port, user: server.user, password: server.password };
}

/** A TCP proxy whose target can be switched; switching drops every open connection. */
async function switchableProxy(initial: TestServer) {
  let target = initial;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.connect(target.port, target.host);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const dropAll = () => open.forEach((s) => s.destroy());
  return {
    port: (server.address() as { port: number }).port,
    switchTo(next: TestServer) {
      target = next;
      dropAll();
    },
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
