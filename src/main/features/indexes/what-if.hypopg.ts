import type pg from "pg";
import type { IndexReport, MissingIndexSuggestion } from "../../../shared/contract/indexes";
import { joinSql, serverSql, sql, type Sql } from "../../db/sql";
import { hypotheticalSql } from "./missing-indexes";

type WhatIfStatus = IndexReport["missing"]["whatIf"];

/** hypopg simulates these access methods only; GIN/GiST suggestions stay unproven. */
const SIMULATED_METHODS = new Set(["btree", "hash", "brin"]);
const STATEMENTS_PER_SUGGESTION = 5;
/**
 * A suggestion must lower the evidence's estimated cost by at least this share: a few
 * percent is within the planner's own error and does not pay for the index's upkeep.
 */
const MIN_GAIN = 0.1;

export const HYPOPG_HOWTO =
  "Install hypopg on the server (Debian/Ubuntu: apt install postgresql-<major>-hypopg; RPM: hypopg_<major>; or build it from source) and run CREATE EXTENSION hypopg in this database as a superuser.";

export interface WhatIfOutcome {
  status: WhatIfStatus;
  kept: MissingIndexSuggestion[];
  dropped: MissingIndexSuggestion[];
}

/**
 * Plans each suggestion's evidence statements without and with a hypothetical index
 * (hypopg) and keeps the suggestions that lower the estimated cost. Everything runs in
 * one transaction on one connection and is rolled back; statements are only planned,
 * never executed, as generic plans of PREPAREd statements (their $n stay parameters).
 */
export async function proveWithHypopg(
  pool: pg.Pool,
  suggestions: MissingIndexSuggestion[],
): Promise<WhatIfOutcome> {
  const client = await pool.connect();
  let broken = false;
  try {
    const ready = await ensureHypopg(client);
    if (ready !== true)
      return { status: { state: "unavailable", message: ready }, kept: suggestions, dropped: [] };
    await client.query("BEGIN");
    await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
    await client.query("SET LOCAL statement_timeout = '10s'");
    const planner = new Planner(client);
    const kept: MissingIndexSuggestion[] = [];
    const dropped: MissingIndexSuggestion[] = [];
    let proven = 0;
    for (const s of suggestions) {
      if (!SIMULATED_METHODS.has(s.method)) {
        kept.push(s);
        continue;
      }
      const result = await planner.compare(s);
      if (!result) {
        kept.push(s);
        continue;
      }
      proven++;
      const better = result.usedByPlanner && result.costAfter <= result.costBefore * (1 - MIN_GAIN);
      (better ? kept : dropped).push({ ...s, whatIf: result });
    }
    await client.query("ROLLBACK");
    const unproven = suggestions.length - proven;
    const message =
      `Planned with hypothetical indexes: ${proven} suggestion(s) checked, ${dropped.length} dropped for not lowering the estimated cost` +
      (unproven > 0
        ? `; ${unproven} could not be checked (GIN/GiST, or statements the planner could not prepare).`
        : ".");
    return { status: { state: "done", message }, kept, dropped };
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    if (broken) await client.query("ROLLBACK").catch(() => undefined);
    client.release(broken);
  }
}

/** true when hypopg is usable here, else what the user can do about it. */
async function ensureHypopg(client: pg.PoolClient): Promise<true | string> {
  const { rows } = await client.query<{ installed: boolean }>(
    "SELECT installed_version IS NOT NULL AS installed FROM pg_available_extensions WHERE name = 'hypopg'",
  );
  if (rows.length === 0) return `The hypopg extension is not available on this server. ${HYPOPG_HOWTO}`;
  if (rows[0]!.installed) return true;
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS hypopg");
    return true;
  } catch (err) {
    return `hypopg is available but could not be created in this database (${(err as Error).message}). ${HYPOPG_HOWTO}`;
  }
}

class Planner {
  private readonly before = new Map<string, number | null>();
  private seq = 0;

  constructor(private readonly client: pg.PoolClient) {}

  async compare(s: MissingIndexSuggestion): Promise<MissingIndexSuggestion["whatIf"]> {
    const statements = s.evidence.slice(0, STATEMENTS_PER_SUGGESTION);
    let costBefore = 0;
    const plannable: typeof statements = [];
    for (const e of statements) {
      if (!this.before.has(e.queryId)) this.before.set(e.queryId, (await this.plan(e.query))?.cost ?? null);
      const cost = this.before.get(e.queryId);
      if (cost != null) {
        costBefore += cost;
        plannable.push(e);
      }
    }
    if (plannable.length === 0) return null;
    const created = await this.savepoint(() =>
      this.client.query<{ indexrelid: number; indexname: string }>(
        "SELECT indexrelid, indexname FROM hypopg_create_index($1)",
        [hypotheticalSql(s)],
      ),
    );
    if (!created || created.rows.length === 0) return null;
    const { indexrelid, indexname } = created.rows[0]!;
    try {
      let costAfter = 0;
      let used = false;
      for (const e of plannable) {
        const after = await this.plan(e.query);
        costAfter += after?.cost ?? this.before.get(e.queryId)!;
        used ||= after?.plan.includes(indexname) ?? false;
      }
      return {
        costBefore: round(costBefore),
        costAfter: round(costAfter),
        plannedStatements: plannable.length,
        usedByPlanner: used,
      };
    } finally {
      await this.client.query("SELECT hypopg_drop_index($1)", [indexrelid]);
    }
  }

  /** The generic plan's total cost; null when the statement cannot be prepared here. */
  private async plan(query: string): Promise<{ cost: number; plan: string } | null> {
    const name = sql`pgdesk_whatif_${++this.seq}`;
    return this.savepoint(async () => {
      // the statement as pg_stat_statements recorded it (the server normalized its text)
      await this.client.query(sql`PREPARE ${name} AS ${serverSql(query)}`);
      try {
        const types = await this.client.query<{ types: string[] }>(
          "SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = $1",
          [name],
        );
        const args = (types.rows[0]?.types ?? []).map(dummyLiteral);
        const explained = await this.client.query<{ "QUERY PLAN": unknown }>(
          sql`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args.length ? sql`(${joinSql(args, sql`, `)})` : sql``}`,
        );
        const json = explained.rows[0]!["QUERY PLAN"];
        const doc = (typeof json === "string" ? JSON.parse(json) : json) as Array<{
          Plan: { "Total Cost": number };
        }>;
        return { cost: doc[0]!.Plan["Total Cost"], plan: JSON.stringify(doc) };
      } finally {
        await this.client.query(sql`DEALLOCATE ${name}`);
      }
    });
  }

  /** Runs fn so that its failure does not abort the surrounding transaction. */
  private async savepoint<T>(fn: () => Promise<T>): Promise<T | null> {
    await this.client.query("SAVEPOINT pgdesk_whatif");
    try {
      const value = await fn();
      await this.client.query("RELEASE SAVEPOINT pgdesk_whatif");
      return value;
    } catch {
      // The statement cannot be planned here (unknown parameter type, missing object): it is left out.
      await this.client.query("ROLLBACK TO SAVEPOINT pgdesk_whatif");
      return null;
    }
  }
}

/**
 * A non-NULL value of the parameter's type. Generic plans do not look at it, but a NULL
 * would let the planner fold comparisons away, and the literal must still parse.
 */
export function dummyLiteral(type: string): Sql {
  if (type.endsWith("[]")) return sql`'{}'`;
  if (/^(smallint|integer|bigint|numeric|real|double precision|oid|money)/.test(type)) return sql`'1'`;
  if (type === "boolean") return sql`'true'`;
  if (type === "uuid") return sql`'00000000-0000-0000-0000-000000000001'`;
  if (type === "date") return sql`'2000-01-01'`;
  if (type.startsWith("timestamp")) return sql`'2000-01-01 00:00:00'`;
  if (type.startsWith("time")) return sql`'00:00:00'`;
  if (type === "interval") return sql`'1 day'`;
  if (type === "json" || type === "jsonb") return sql`'{}'`;
  if (type === "bytea") return sql`'\\x00'`;
  if (type === "inet" || type === "cidr") return sql`'127.0.0.1'`;
  if (type === "regconfig") return sql`'simple'`;
  return sql`'a'`;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
