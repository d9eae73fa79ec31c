import { createHash } from "node:crypto";
import { fingerprint, normalize } from "libpg-query";
import { PLAN_HISTORY_MAX_CHARS, type ExplainResult } from "../../../shared/contract/explain";
import type { PlanHistoryRepo } from "../../store/plan-history.repo";
import type { ExplainRun } from "./explain.runner";

/** Runs of spaces made one, blank lines and indentation dropped; line breaks kept (a -- comment ends at one). */
const collapse = (sql: string) =>
  sql
    .replace(/[ \t]+/g, " ")
    .replace(/ ?(?:\r\n|\r|\n)\s*/g, "\n")
    .trim();

/**
 * A statement's key in plan history: PostgreSQL's own fingerprint (libpg_query), the same
 * for other constants, spacing and comments; its normalized text ($1, $2 … for constants)
 * is what the list shows. Text the parser cannot read is keyed by its collapsed spelling.
 */
export async function queryKeyOf(sql: string): Promise<{ queryKey: string; normalizedSql: string }> {
  try {
    return { queryKey: await fingerprint(sql), normalizedSql: collapse(await normalize(sql)) };
  } catch {
    const text = collapse(sql);
    return {
      queryKey: `text:${createHash("sha256").update(text).digest("hex").slice(0, 32)}`,
      normalizedSql: text,
    };
  }
}

/**
 * Keeps a run's plan in plan history (per profile and query). Never fails the run: a plan
 * that is too big or a store that cannot be written is said in `reason`.
 */
export async function keepPlan(
  repo: () => Promise<PlanHistoryRepo>,
  where: { profileId: string; database: string | undefined },
  run: ExplainRun,
): Promise<ExplainResult["history"]> {
  const { queryKey, normalizedSql } = await queryKeyOf(run.sql);
  if (run.rawText.length > PLAN_HISTORY_MAX_CHARS)
    return {
      queryKey,
      kept: false,
      reason: `not kept in plan history: its JSON has ${run.rawText.length.toLocaleString("en-US")} characters, more than ${PLAN_HISTORY_MAX_CHARS.toLocaleString("en-US")}`,
    };
  try {
    await (
      await repo()
    ).add({
      profileId: where.profileId,
      database: where.database ?? null,
      queryKey,
      normalizedSql,
      sql: run.sql,
      options: run.options,
      ranAt: run.ranAt,
      serverVersionNum: run.serverVersionNum,
      planJson: run.rawText,
      executionMs: run.plan.executionMs,
      totalCost: run.plan.totalCost,
    });
    return { queryKey, kept: true };
  } catch (err) {
    return { queryKey, kept: false, reason: `not kept in plan history: ${(err as Error).message}` };
  }
}
