// Reading a pasted plan (plan.bench.ts): psql's bordered, wrapped TEXT against the server's JSON.
import { spawnSync } from "node:child_process";
import type pg from "pg";
import { readPlanInput } from "../../src/shared/explain/plan.input";
import { alternate, median, report, type BenchServer } from "./support";

const runs = 7;

/** One UNION ALL branch is Hash Join -> (Seq Scan, Hash -> Seq Scan): 4 nodes under one Append. */
export function unionQuery(nodes: number): string {
  const branches = Math.max(1, Math.ceil((nodes - 1) / 4));
  return Array.from(
    { length: branches },
    (_, i) => `SELECT a.id, b.label FROM items a JOIN items b ON b.id = a.id + ${i} WHERE a.grp = ${i % 50}`,
  ).join("\nUNION ALL\n");
}

/** EXPLAIN ANALYZE as Debian's psql prints it with border 2, wrapped at 120 columns (the query on stdin: it outgrows argv). */
function psqlText(server: BenchServer, database: string, query: string): string {
  const script = [
    "\\pset border 2",
    "\\pset format wrapped",
    "\\pset columns 120",
    `EXPLAIN (ANALYZE, BUFFERS) ${query};`,
  ].join("\n");
  const r = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", "-"], {
    env: server.env,
    input: script,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

function nodesRead(text: string): number {
  const r = readPlanInput(text);
  if (!r.ok) throw new Error(`refused: ${r.refusal.message} ${r.refusal.text ?? ""}`);
  return r.plans[0]!.model.nodes.length;
}

/**
 * For each size: pgdesk reading the psql TEXT against pgdesk reading the server's JSON of
 * the same plan (both must build the same number of nodes); at `main` nodes also pgdesk's
 * JSON reading against a bare JSON.parse of that text.
 */
export async function benchParse(
  server: BenchServer,
  pool: pg.Pool,
  database: string,
  sizes: number[],
  main: number,
): Promise<void> {
  for (const size of sizes) {
    const query = unionQuery(size);
    // the JSON exactly as the server printed it
    const asText = (v: string) => v;
    const explained = await pool.query({
      text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`,
      rowMode: "array",
      types: { getTypeParser: () => asText },
    } as pg.QueryConfig);
    const jsonText = String(explained.rows[0][0]);
    const text = psqlText(server, database, query);
    const nodes = nodesRead(jsonText);
    if (nodesRead(text) !== nodes) throw new Error(`TEXT read ${nodesRead(text)} nodes, JSON ${nodes}`);
    const m = await alternate(
      runs,
      async () => nodesRead(text),
      async () => nodesRead(jsonText),
    );
    console.log(
      `plan parse: ${nodes} nodes, TEXT ${(text.length / 1024).toFixed(0)} kB (psql border 2, wrapped at 120), JSON ${(jsonText.length / 1024).toFixed(0)} kB`,
    );
    report(`plan/parse-text-vs-json-${nodes}`, median(m.app), median(m.baseline), "ms", "<= 2.0", runs);
    if (size === main) {
      const j = await alternate(
        runs,
        async () => nodesRead(jsonText),
        async () => JSON.parse(jsonText) as unknown,
      );
      report(
        `plan/parse-json-vs-JSON.parse-${nodes}`,
        median(j.app),
        median(j.baseline),
        "ms",
        "<= 10.0",
        runs,
      );
    }
  }
}
