import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv } from "../../../src/main/features/backup/child-env";
import { runTool } from "../../../src/main/features/backup/child-process";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { until } from "../../harness/until";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe("a canary password never leaks", () => {
  const canary = `CANARY-${randomBytes(8).toString("hex")}`;
  let app: TestApp;
  let db: FreshDatabase;
  const payloads: string[] = [];
  const call = async (channel: string, input: unknown) => {
    const result = await app.raw(channel, input);
    payloads.push(JSON.stringify(result));
    return result;
  };

  beforeAll(async () => {
    db = await freshDatabase(15, "canary");
    await db.pool.query(`CREATE ROLE canary_user LOGIN PASSWORD '${canary}'`);
    await db.pool.query(`GRANT CONNECT ON DATABASE "${db.name}" TO canary_user`);
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    await db.pool.query(`REVOKE CONNECT ON DATABASE "${db.name}" FROM canary_user`);
    await db.pool.query("DROP ROLE canary_user");
    await db.drop();
  });

  it("is absent from argv, environment, logs, renderer payloads and files (except the sealed store)", async () => {
    const base = { ...db.connection, user: "canary_user", password: canary };
    const good = await call("profiles:save", { draft: { name: "canary", ...base } });
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    const id = (good.value as { id: string }).id;
    const wrongUser = await call("profiles:save", {
      draft: { name: "canary bad", ...base, user: "no_such_user" },
    });
    const unreachable = await call("profiles:save", {
      draft: { name: "canary down", ...base, host: "127.0.0.1", port: 1 },
    });
    for (const r of [wrongUser, unreachable]) expect(r.ok).toBe(true);
    const ids = [wrongUser, unreachable].map((r) => (r.ok ? (r.value as { id: string }).id : ""));

    // failing connections: wrong user, refused port, a draft test with a wrong host
    for (const failing of ids) expect((await call("profiles:test", { id: failing })).ok).toBe(false);
    expect((await call("profiles:test", { draft: { name: "x", ...base, port: 1 } })).ok).toBe(false);
    await app.ctx.db.query(ids[1]!, "SELECT 1").then(
      () => expect.fail("port 1 answered"),
      (e: Error) => payloads.push(e.message),
    );
    // working connection and the usual reads
    expect((await call("profiles:test", { id })).ok).toBe(true);
    for (const ch of ["profiles:list", "profiles:exportUri", "profiles:connectionStatus"]) {
      await call(ch, ch === "profiles:list" ? {} : { id });
    }

    // a backup-like child process: psql with the profile's params, blocked on a lock we hold
    const locker = new pg.Client(db.connection);
    await locker.connect();
    await locker.query("SELECT pg_advisory_lock(4242)");
    const child = await childEnv(await app.ctx.profiles.connectionParams(id));
    const args = ["-X", "-d", db.name, "-c", "SELECT pg_advisory_lock(4242)"];
    let output = "";
    let pid = 0;
    const exited = runTool("psql", args, {
      env: child.env,
      password: child.password,
      onStdout: (d) => (output += d.toString()),
      onStderrLine: (line) => (output += `${line}\n`),
      onSpawn: (p) => (pid = p),
    });
    try {
      // wait until psql is connected and waiting on the lock: then its argv and env are final
      await until(
        async () =>
          (
            await locker.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'canary_user' AND wait_event_type = 'Lock'",
            )
          ).rows[0]!.n > 0,
        () => `psql to reach the lock: ${output}`,
        15_000,
      );
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      const environ = await readFile(`/proc/${pid}/environ`, "utf8");
      expect(cmdline).toContain("pg_advisory_lock");
      expect(cmdline).not.toContain(canary);
      expect(environ).not.toContain(canary);
      // the password went through psql's prompt, on a pipe: no passfile, no PGPASSWORD
      expect(cmdline.split("\0")).toContain("--password");
      expect(environ).toContain("PGPASSFILE=/dev/null");
      expect(environ).not.toContain("PGPASSWORD=");
    } finally {
      await locker.query("SELECT pg_advisory_unlock(4242)");
      await locker.end();
    }
    expect((await exited).code).toBe(0);
    await child.dispose();
    expect(output).not.toContain(canary);

    // nothing the renderer saw, nothing logged, nothing emitted
    expect(payloads.length).toBeGreaterThan(8);
    for (const p of payloads) expect(p).not.toContain(canary);
    expect(app.log.lines.join("\n")).not.toContain(canary);
    expect(JSON.stringify(app.events)).not.toContain(canary);

    // files: only the sealed store holds it, and not in plain text
    const files = await filesUnder(app.dataDir);
    expect(files.some((f) => f.endsWith("profiles.json"))).toBe(true);
    for (const f of files) {
      const bytes = await readFile(f);
      expect(bytes.includes(Buffer.from(canary)), f).toBe(false);
      expect(bytes.includes(Buffer.from(canary, "utf16le")), f).toBe(false);
    }
  });
});
