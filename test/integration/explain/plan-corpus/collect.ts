import type pg from "pg";
import { parseExplainJson } from "../../../../src/shared/explain/formats/value-types";
import type { CorpusStatement } from "./catalogue";
import type { OptionSet } from "./option-sets";

export type CorpusFormat = "text" | "json" | "yaml" | "xml";

/** One EXPLAIN output and the JSON it is checked against. */
export interface CorpusPlan {
  id: number;
  server: string;
  statement: string;
  optionSet: string;
  format: CorpusFormat;
  /** As EXPLAIN returned it: its rows joined by newlines. */
  output: string;
  /** JSON of the same execution (auto_explain), or of a separate run when that is deterministic. */
  truth: unknown[];
  sameExecution: boolean;
  /** Printed with COSTS off: the costs auto_explain always prints are taken out of the truth. */
  costsOff: boolean;
  /** A separate EXPLAIN (FORMAT JSON) run: top-level figures (planning, execution, serialization). */
  separate: unknown;
}

interface RunResult {
  output: string;
  notices: string[];
}

/** Runs one EXPLAIN inside BEGIN … ROLLBACK and returns its output and the notices it raised. */
async function runOnce(
  client: pg.Client,
  stmt: CorpusStatement,
  explainOptions: string,
  format: CorpusFormat,
  settings: Record<string, string>,
): Promise<RunResult> {
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => void notices.push(n.message ?? "");
  client.on("notice", onNotice);
  try {
    const opts = `${explainOptions}, FORMAT ${format.toUpperCase()}`;
    const config = { ...stmt.set, ...settings, ...(stmt.inTrigger ? { "corpus.explain": opts } : {}) };
    try {
      // one round trip: BEGIN, the settings (local to the transaction) and the statements run before
      await client.query(
        [
          "BEGIN",
          ...Object.entries(config).map(
            ([k, v]) => `SELECT set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`,
          ),
          ...(stmt.before ?? []),
        ].join(";\n"),
      );
      let rows: string[];
      if (stmt.inTrigger) {
        await client.query(stmt.sql);
        rows = (await client.query<{ line: string }>("SELECT line FROM captured ORDER BY n")).rows.map(
          (r) => r.line,
        );
      } else {
        // the text exactly as the server printed it, JSON and XML included
        const res = await client.query<{ "QUERY PLAN": string }>({
          text: `EXPLAIN (${opts}) ${stmt.sql}`,
          types: { getTypeParser: () => (v: string) => v },
        });
        rows = res.rows.map((r) => r["QUERY PLAN"]);
      }
      return { output: rows.join("\n"), notices: [...notices] };
    } finally {
      await client.query("ROLLBACK");
    }
  } finally {
    client.off("notice", onNotice);
  }
}

/** The JSON documents auto_explain logged ("duration: … ms  plan:\n{…}"), for the explained statement. */
function loggedPlans(notices: string[], stmt: CorpusStatement): unknown[] {
  const plans = notices
    .filter((n) => /^duration: [\d.]+ ms\s+plan:\n/.test(n))
    .map((n) => parseExplainJson(n.slice(n.indexOf("plan:\n") + 6)) as Record<string, unknown>);
  // set_config() and the `before` statements are logged too: keep the explained statement's plans
  return plans.filter((p) =>
    stmt.inTrigger
      ? String(p["Query Text"]).includes("newtab")
      : /^(EXPLAIN \(|PREPARE )/.test(String(p["Query Text"])),
  );
}

export interface CollectOptions {
  server: string;
  major: number;
  statements: CorpusStatement[];
  optionSets: OptionSet[];
  nextId: () => number;
}

/**
 * Every statement under every option set, in TEXT (and YAML/XML where asked), with its
 * ground truth; the statements are shared out over the connections given.
 */
export async function collectCorpus(clients: pg.Client[], o: CollectOptions): Promise<CorpusPlan[]> {
  const queue = o.statements.filter(
    (s) => !((s.minMajor && o.major < s.minMajor) || (s.maxMajor && o.major > s.maxMajor)),
  );
  const parts = await Promise.all(
    clients.map(async (client, k) =>
      collectOn(
        client,
        queue.filter((_, i) => i % clients.length === k),
        o,
      ),
    ),
  );
  // back in catalogue order, numbered once
  const byName = new Map(parts.flat().map((p) => [`${p.statement}\u0000${p.optionSet}\u0000${p.format}`, p]));
  const out: CorpusPlan[] = [];
  for (const s of queue)
    for (const set of o.optionSets)
      for (const f of ["text", "json", "yaml", "xml"]) {
        const p = byName.get(`${s.name}\u0000${set.name}\u0000${f}`);
        if (p) out.push({ ...p, id: o.nextId() });
      }
  return out;
}

async function collectOn(
  client: pg.Client,
  statements: CorpusStatement[],
  o: CollectOptions,
): Promise<CorpusPlan[]> {
  await client.query("LOAD 'auto_explain'");
  // VERBOSE prints the Query Identifier when one is computed
  await client.query("SET compute_query_id = on");
  const out: CorpusPlan[] = [];
  for (const stmt of statements) {
    if (stmt.prepare) await client.query(stmt.prepare.sql);
    try {
      for (const set of o.optionSets) {
        try {
          out.push(...(await collectOne(client, stmt, set, o)));
        } catch (err) {
          throw new Error(`${o.server} ${stmt.name} ${set.name}: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      if (stmt.prepare) await client.query(`DEALLOCATE ${stmt.prepare.name}`);
    }
  }
  return out;
}

async function collectOne(
  client: pg.Client,
  stmt: CorpusStatement,
  set: OptionSet,
  o: CollectOptions,
): Promise<CorpusPlan[]> {
  const options = set.options(o.major);
  const auto = set.analyze ? set.autoExplain(o.major) : null;
  const nested: Record<string, string> = stmt.inTrigger ? { "auto_explain.log_nested_statements": "on" } : {};
  const off = { "auto_explain.log_min_duration": "-1" };
  // the figures auto_explain leaves out (planning, serialization, query identifier) come from
  // a separate JSON run; without a summary and VERBOSE there are none
  const separateRun =
    set.analyze && set.summaryOff ? null : await runOnce(client, stmt, options, "json", off);
  const separate = separateRun ? parseExplainJson(separateRun.output) : [];
  const formats: Array<CorpusPlan["format"]> = set.otherFormats ? ["text", "yaml", "xml"] : ["text"];
  const out: CorpusPlan[] = [];
  // the JSON as the server printed it, to read through psql too (its own ground truth)
  if (separateRun && !set.analyze && set.otherFormats)
    out.push({
      id: 0,
      server: o.server,
      statement: stmt.name,
      optionSet: set.name,
      format: "json",
      output: separateRun.output,
      truth: separate as unknown[],
      sameExecution: false,
      costsOff: false,
      separate,
    });
  for (const format of formats) {
    const run = await runOnce(client, stmt, options, format, auto ? { ...auto, ...nested } : off);
    const logged = auto ? loggedPlans(run.notices, stmt) : [];
    if (auto && logged.length === 0)
      throw new Error(`${o.server} ${stmt.name} ${set.name}: auto_explain logged nothing`);
    out.push({
      id: 0,
      server: o.server,
      statement: stmt.name,
      optionSet: set.name,
      format,
      output: run.output,
      truth: auto ? logged : (separate as unknown[]),
      sameExecution: auto !== null,
      costsOff: set.costsOff === true,
      separate,
    });
  }
  return out;
}
