import { buildPlanModel } from "./plan.builder";
import type { PlanModel } from "./plan.model";
import { parseTextPlan } from "./plan-text.parser";

/**
 * A plan the user pasted: FORMAT JSON (bare, or as psql prints it with a header and "+"
 * continuations) or the text format. Throws an Error whose message says what was expected.
 */
export function parsePlanInput(input: string): PlanModel {
  const trimmed = input.trim();
  if (!trimmed)
    throw new Error(
      "Paste a plan: the output of EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) or of plain EXPLAIN ANALYZE",
    );
  const json = jsonCandidate(trimmed);
  if (json !== null) {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (err) {
      throw new Error(`The plan looks like JSON but does not parse: ${(err as Error).message}`);
    }
    return buildPlanModel(raw, "json");
  }
  return buildPlanModel(parseTextPlan(input), "text");
}

function jsonCandidate(text: string): string | null {
  if (text.startsWith("[") || text.startsWith("{")) return text;
  const body = text
    .split(/\r?\n/)
    .filter(
      (l) => !/^\s*QUERY PLAN\s*$/i.test(l) && !/^\s*-+\s*$/.test(l) && !/^\s*\(\d+ rows?\)\s*$/.test(l),
    )
    .map((l) => l.replace(/\+\s*$/, ""))
    .join("\n")
    .trim();
  return body.startsWith("[") || body.startsWith("{") ? body : null;
}
