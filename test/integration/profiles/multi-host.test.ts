import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPorts } from "../../harness/ports";
import { until } from "../../harness/until";
import { childEnv } from "../../../src/main/features/backup/child-env";
import type { ProfileDraft } from "../../../src/shared/contract";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer } from "../../harness/database";
import { finished, removeFolder, tempFolder } from "../backup/support";
import { runSql } from "../query/run-helpers";
import type { TestServer } from "../../harness/pg-servers";

/**
 * Two real servers (15 and 18) hold a database of the same name; a closed port is a
 * host that is down. "Read-only" is emulated on the 15 server with
 * ALTER DATABASE ... SET default_transaction_read_only = on, which is what a
 * target_session_attrs=read-write check sees (transaction_read_only = on). Neither server
 * is in recovery, so both count as primary and neither as standby.
 */
describe("multi-host profiles (libpq host lists and target_session_attrs)", () => {
  const db = `mh_${randomBytes(4).toString("hex")}`;
  let a: TestServer; // 15
  let b: TestServer; // 18
  let down: number;
  /** A second host that is down. */
  let other: number;
  let app: TestApp;

  const admin = async (server: TestServer, text: string) => {
    const c = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database: "postgres",
    });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  const setReadOnly = (server: TestServer, on: boolean) =>
    admin(
      server,
      on
        ? `ALTER DATABASE ${db} SET default_transaction_read_only = on`
        : `ALTER DATABASE ${db} RESET default_transaction_read_only`,
    );

  beforeAll(async () => {
    a = testServer(15);
    b = testServer(18);
    expect(a.password).toBe(b.password); // one profile password for both hosts
    await Promise.all([admin(a, `CREATE DATABASE ${db}`), admin(b, `CREATE DATABASE ${db}`)]);
    const closed = await closedPorts(2);
    down = closed[0]!;
    other = closed[1]!;
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([a, b].map((s) => admin(s, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)));
  });

  const draft = (hosts: number[], extra: Partial<ProfileDraft> = {}): ProfileDraft => ({
    name: "multi",
    host: "127.0.0.1",
    port: hosts[0]!,
    additionalHosts: hosts.slice(1).map((port) => ({ host: "127.0.0.1", port })),
    database: db,
    user: a.user,
    password: a.password,
    sslmode: "disable",
    ...extra,
  });

  it("skips a host that is down and says where the session landed", async () => {
    const r = await app.call("profiles:test", { draft: draft([down, a.port, b.port]) });
    expect(r).toMatchObject({ host: "127.0.0.1", port: a.port, serverVersionNum: expect.any(Number) });
    expect(Math.floor(r.serverVersionNum / 10000)).toBe(15);
    expect(r.skipped).toEqual([
      { host: "127.0.0.1", port: down, reason: expect.stringMatching(/ECONNREFUSED/) },
    ]);
  });

  it("read-write passes over a read-only host; read-only picks it; primary takes the first; standby finds none", async () => {
    await setReadOnly(a, true);
    try {
      const rw = await app.call("profiles:test", {
        draft: draft([a.port, b.port], { targetSessionAttrs: "read-write" }),
      });
      expect(rw.port).toBe(b.port);
      expect(rw.skipped).toEqual([
        { host: "127.0.0.1", port: a.port, reason: expect.stringMatching(/session is read-only/) },
      ]);

      const ro = await app.call("profiles:test", {
        draft: draft([b.port, a.port], { targetSessionAttrs: "read-only" }),
      });
      expect(ro.port).toBe(a.port);

      const primary = await app.call("profiles:test", {
        draft: draft([a.port, b.port], { targetSessionAttrs: "primary" }),
      });
      expect(primary.port).toBe(a.port); // read-only by setting, but not in recovery

      const standby = await app.raw("profiles:test", {
        draft: draft([down, a.port, b.port], { targetSessionAttrs: "standby" }),
      });
      expect(standby).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
      if (!standby.ok) {
        // every host tried, each with its own reason
        expect(standby.error.message).toContain(`127.0.0.1:${down}: `);
        expect(standby.error.message).toMatch(/ECONNREFUSED/);
        expect(standby.error.message).toContain(`127.0.0.1:${a.port}: server is not in hot standby mode`);
        expect(standby.error.message).toContain(`127.0.0.1:${b.port}: server is not in hot standby mode`);
        expect(standby.error.detail?.split("\n")).toHaveLength(3);
      }

      // prefer-standby: no standby anywhere, so the first host that answers
      const prefer = await app.call("profiles:test", {
        draft: draft([down, b.port, a.port], { targetSessionAttrs: "prefer-standby" }),
      });
      expect(prefer.port).toBe(b.port);
    } finally {
      await setReadOnly(a, false);
    }
  });

  it("when no host answers, the error lists every host with why", async () => {
    const r = await app.raw("profiles:test", { draft: draft([down, other]) });
    expect(r).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!r.ok) {
      expect(r.error.message).toMatch(
        new RegExp(`127\\.0\\.0\\.1:${down}: .*ECONNREFUSED.*; 127\\.0\\.0\\.1:${other}: .*ECONNREFUSED`),
      );
      expect(r.error.message).not.toContain(a.password);
    }
  });

  it("a single-host profile keeps the server's own error (no host list wording)", async () => {
    const r = await app.raw("profiles:test", { draft: draft([a.port], { password: "wrong-password" }) });
    expect(r).toMatchObject({ ok: false, error: { code: "CONNECTION", sqlState: "28P01" } });
    if (!r.ok) expect(r.error.message).not.toMatch(/hosts could be used/);
    const one = await app.raw("profiles:test", { draft: draft([a.port], { targetSessionAttrs: "standby" }) });
    expect(one).toMatchObject({
      ok: false,
      error: {
        code: "CONNECTION",
        message: `127.0.0.1:${a.port}: server is not in hot standby mode (target_session_attrs=standby)`,
      },
    });
  });

  it("a saved profile's pool lands on the matching host, the status says which, and a failover moves it", async () => {
    const saved = await app.call("profiles:save", {
      draft: draft([down, a.port, b.port], { targetSessionAttrs: "read-write" }),
    });
    expect(saved.additionalHosts).toEqual([
      { host: "127.0.0.1", port: a.port },
      { host: "127.0.0.1", port: b.port },
    ]);
    const port = async () =>
      Number(
        (await app.ctx.db.query<{ port: string }>(saved.id, "SELECT current_setting('port') AS port"))
          .rows[0]!.port,
      );
    expect(await port()).toBe(a.port);
    expect(await app.call("profiles:connectionStatus", { id: saved.id })).toMatchObject({
      state: "connected",
      host: "127.0.0.1",
      port: a.port,
    });

    // the 15 server turns read-only and drops pgdesk's sessions, as a demoted primary would
    await setReadOnly(a, true);
    try {
      await admin(
        a,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db}' AND application_name = 'pgdesk'`,
      );
      let landed: number | undefined;
      await until(
        async () => {
          landed = await port().catch(() => undefined); // the call racing the drop may fail once
          return landed === b.port;
        },
        () => `the session to land on the 18 server (last on ${landed})`,
        15_000,
      );
      expect(await app.call("profiles:connectionStatus", { id: saved.id })).toMatchObject({
        host: "127.0.0.1",
        port: b.port,
      });
    } finally {
      await setReadOnly(a, false);
      await app.call("profiles:delete", { id: saved.id });
    }
  });

  it("~/.pgpass is matched per host, as libpq does: each host of the list uses its own line", async () => {
    const role = `mh_${randomBytes(3).toString("hex")}`;
    await admin(a, `CREATE ROLE ${role} LOGIN PASSWORD 'pw-on-15'`);
    await admin(b, `CREATE ROLE ${role} LOGIN PASSWORD 'pw-on-18'`);
    const file = join(app.dataDir, "pgpass-multi");
    await writeFile(
      file,
      `127.0.0.1:${a.port}:*:${role}:pw-on-15\n127.0.0.1:${b.port}:*:${role}:pw-on-18\n`,
      { mode: 0o600 },
    );
    const before = process.env.PGPASSFILE;
    process.env.PGPASSFILE = file;
    await setReadOnly(a, true);
    try {
      const saved = await app.call("profiles:save", {
        draft: draft([a.port, b.port], { user: role, password: null, targetSessionAttrs: "read-write" }),
      });
      const r = await app.call("profiles:test", { id: saved.id });
      expect(r.port).toBe(b.port);
      expect(r.passwordSource).toBe(`${file} line 2`);
      const { rows } = await app.ctx.db.query<{ u: string }>(saved.id, "SELECT current_user AS u");
      expect(rows[0]!.u).toBe(role);
      await app.call("profiles:delete", { id: saved.id });
    } finally {
      if (before === undefined) delete process.env.PGPASSFILE;
      else process.env.PGPASSFILE = before;
      await setReadOnly(a, false);
      await Promise.all([a, b].map((s) => admin(s, `DROP ROLE ${role}`)));
    }
  });

  it("load_balance_hosts=random spreads new connections over the hosts", async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 24 && seen.size < 2; i++) {
      seen.add(
        (await app.call("profiles:test", { draft: draft([a.port, b.port], { loadBalanceHosts: "random" }) }))
          .port!,
      );
    }
    expect([...seen].sort()).toEqual([a.port, b.port].sort());
  });

  it("exports and re-imports the host list", async () => {
    const saved = await app.call("profiles:save", {
      draft: draft([a.port, b.port], { targetSessionAttrs: "primary" }),
    });
    const { uri } = await app.call("profiles:exportUri", { id: saved.id });
    expect(uri).toBe(
      `postgresql://${a.user}@127.0.0.1:${a.port},127.0.0.1:${b.port}/${db}?target_session_attrs=primary&sslmode=disable`,
    );
    const back = await app.call("profiles:parseConnectionString", { text: uri });
    expect(back.draft).toMatchObject({
      port: a.port,
      additionalHosts: [{ host: "127.0.0.1", port: b.port }],
      targetSessionAttrs: "primary",
    });
    await app.call("profiles:delete", { id: saved.id });
  });

  it("rejects contradictory or duplicate settings, naming the field", async () => {
    const rw = await app.raw("profiles:save", {
      draft: draft([a.port], { readOnly: true, targetSessionAttrs: "read-write" }),
    });
    expect(rw).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "targetSessionAttrs" } });
    const dup = await app.raw("profiles:save", { draft: draft([a.port, a.port]) });
    expect(dup).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "additionalHosts.0.host" } });
    const comma = await app.raw("profiles:save", { draft: { ...draft([a.port]), host: "h1,h2" } });
    expect(comma).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("a query tab lands on the matching host and its cancel request reaches that host", async () => {
    await setReadOnly(a, true);
    const saved = await app.call("profiles:save", {
      draft: draft([down, a.port, b.port], { targetSessionAttrs: "read-write" }),
    });
    try {
      const session = await app.call("query:openSession", { profileId: saved.id });
      const running = runSql(app, session.sessionId, "SELECT pg_sleep(30)");
      // the sleeping backend is on the 18 server, the only read-write host
      const c = new pg.Client({
        host: b.host,
        port: b.port,
        user: b.user,
        password: b.password,
        database: db,
      });
      await c.connect();
      try {
        await until(
          async () =>
            (
              await c.query(
                "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep%'",
                [session.backendPid],
              )
            ).rowCount,
          "the statement to start on the read-write host",
          10_000,
        );
      } finally {
        await c.end();
      }
      expect(await app.call("query:cancel", { sessionId: session.sessionId })).toEqual({ sent: true });
      expect((await running).summary.cancelled).toBe(true);
      await app.call("query:closeSession", { sessionId: session.sessionId });
    } finally {
      await setReadOnly(a, false);
      await app.call("profiles:delete", { id: saved.id });
    }
  });

  it("a backup with a test restore stays on the host the app uses (snapshot, pg_dump and row counts agree)", async () => {
    // pg_dump 15 is the client here, so the list holds a down host and the 15 server
    const c = new pg.Client({ host: a.host, port: a.port, user: a.user, password: a.password, database: db });
    await c.connect();
    await c.query(
      "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY); INSERT INTO t SELECT g FROM generate_series(1, 50) g ON CONFLICT DO NOTHING",
    );
    await c.end();
    const saved = await app.call("profiles:save", {
      draft: draft([down, a.port], { loadBalanceHosts: "random" }),
    });
    const folder = await tempFolder();
    try {
      const preview = await app.call("backup:preview", {
        profileId: saved.id,
        database: db,
        folder,
        format: "custom",
        testRestore: true,
      });
      expect(preview.env).toMatchObject({ PGHOST: "127.0.0.1", PGPORT: String(a.port) });
      const { jobId } = await app.call("backup:start", {
        profileId: saved.id,
        database: db,
        folder,
        format: "custom",
        testRestore: true,
      });
      const job = await finished(app, jobId);
      expect(job.state, JSON.stringify(job)).toBe("succeeded");
    } finally {
      await removeFolder(folder);
      await app.call("profiles:delete", { id: saved.id });
    }
  });

  it("child processes (psql, like pg_dump) get the host list and choose the same host through libpq", async () => {
    const run = promisify(execFile);
    await setReadOnly(a, true);
    const saved = await app.call("profiles:save", {
      draft: draft([down, a.port, b.port], { targetSessionAttrs: "read-write" }),
    });
    try {
      const params = await app.ctx.profiles.connectionParams(saved.id);
      const child = await childEnv(params);
      try {
        expect(child.env).toMatchObject({
          PGHOST: "127.0.0.1,127.0.0.1,127.0.0.1",
          PGPORT: `${down},${a.port},${b.port}`,
          PGTARGETSESSIONATTRS: "read-write",
        });
        // the test hands libpq the password through its env var; the app uses the prompt pipe
        const env = { ...child.env, PGPASSWORD: a.password, PGDATABASE: db };
        const { stdout } = await run("psql", ["-X", "-A", "-t", "-c", "SELECT current_setting('port')"], {
          env,
        });
        expect(Number(stdout.trim())).toBe(b.port);
        const ours = await app.call("profiles:test", { id: saved.id });
        expect(ours.port).toBe(b.port);
      } finally {
        await child.dispose();
      }
    } finally {
      await setReadOnly(a, false);
      await app.call("profiles:delete", { id: saved.id });
    }
  });
});
