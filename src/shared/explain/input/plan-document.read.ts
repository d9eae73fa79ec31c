import { parseExplainJson } from "../formats/value-types";
import { parseExplainXml } from "../formats/plan-xml.parser";
import { parseExplainYaml } from "../formats/plan-yaml.parser";
import { unwrapPlans } from "../plan.builder";
import type { PlanSource } from "../plan.model";
import type { RawPlan } from "../plan.raw";
import { describeLabel } from "../text/node-line";
import { textPlanAt } from "../text/plan-text.find";
import { isTerminator, type SourceLine } from "../text/rejoin";
import type { PlanDocument } from "./document";
import { expandTabs } from "./normalize";

export interface ReadPlan {
  raw: RawPlan;
  source: PlanSource;
  firstLine: number;
  lastLine: number;
  origin: string;
  notes: string[];
}

export interface DocumentReading {
  plans: ReadPlan[];
  /** Line numbers the plans took (the rest of a loose text was skipped). */
  used: Set<number>;
  /** Why a part that looked like a plan could not be read. */
  problems: Array<{ message: string; line: number; text: string }>;
}

/** Where a JSON value that starts at line `i` ends: the line that closes its first bracket. */
function jsonEnd(lines: SourceLine[], i: number): number {
  let depth = 0;
  let inString = false;
  for (let k = i; k < lines.length; k++) {
    const t = lines[k]!.text;
    for (let p = 0; p < t.length; p++) {
      const ch = t[p]!;
      if (inString) {
        if (ch === "\\") p++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === "[" || ch === "{") depth++;
      else if (ch === "]" || ch === "}") {
        depth--;
        if (depth === 0) return k + 1;
      }
    }
  }
  return lines.length;
}

function blockEnd(lines: SourceLine[], i: number, until: (t: string) => boolean): number {
  let k = i;
  while (k < lines.length && !until(lines[k]!.text)) k++;
  return k;
}

interface Structured {
  source: PlanSource;
  end: number;
  parse(text: string): unknown;
}

/** JSON, YAML or XML starting at line i, and where it ends. */
function structuredAt(lines: SourceLine[], i: number): Structured | null {
  const t = lines[i]!.text.trimStart();
  if (t.startsWith("[") || t.startsWith("{"))
    return { source: "json", end: jsonEnd(lines, i), parse: parseExplainJson };
  if (/^<(?:\?xml|explain\b)/.test(t))
    return {
      source: "xml",
      end: Math.min(lines.length, blockEnd(lines, i, (x) => x.includes("</explain>")) + 1),
      parse: parseExplainXml,
    };
  if (/^(?:- )?(?:Plan|Query Text):(?: "| ?$)/.test(t))
    return { source: "yaml", end: blockEnd(lines, i, (x) => x.trim() === ""), parse: parseExplainYaml };
  return null;
}

const text = (lines: SourceLine[], a: number, b: number) =>
  lines
    .slice(a, b)
    .map((l) => l.text)
    .join("\n");

/**
 * The plans in one document: JSON, YAML and XML where such a block starts, TEXT plans
 * anywhere else. In a loose text (no envelope) everything between plans is skipped.
 */
export function readDocument(d: PlanDocument, loose: boolean): DocumentReading {
  const reading = scan(d, loose);
  // a lone node name ("Result", COSTS OFF) is a plan when it is all there is
  if (loose && reading.plans.length === 0 && reading.problems.length === 0) {
    const first = d.lines.find((l) => l.text.trim() !== "");
    if (first && describeLabel(first.text.trim()) !== null) return scan(d, false, true);
  }
  return reading;
}

function scan(d: PlanDocument, loose: boolean, lone = false): DocumentReading {
  const lines = d.lines.map((l) => ({ text: expandTabs(l.text), no: l.no }));
  const out: DocumentReading = { plans: [], used: new Set(), problems: [] };
  let i = 0;
  while (i < lines.length) {
    const s = structuredAt(lines, i);
    if (s) {
      i = Math.max(i + 1, readStructured(lines, i, s, d, out));
      continue;
    }
    const p = textPlanAt(lines, i, lone || (!loose && d.isPlanOutput));
    if (!p) {
      i++;
      continue;
    }
    if (p.misplaced) {
      out.problems.push({
        message:
          "The plan's indentation, which says which node is under which, does not line up here " +
          "(it was probably lost in the copy); paste the plan with its leading spaces",
        line: p.misplaced.no,
        text: p.misplaced.text,
      });
      // the rest of that tree cannot be placed either: skip to where it ends
      let end = p.end + 1;
      while (end < lines.length && !isTerminator(lines[end]!.text.trim())) end++;
      for (const l of lines.slice(i, end)) out.used.add(l.no);
      i = end;
      continue;
    }
    out.plans.push({
      raw: withQueryText(p.plan, d.queryText ?? queryTextBefore(lines, i)),
      source: "text",
      firstLine: p.firstLine,
      lastLine: p.lastLine,
      origin: d.origin,
      notes: [
        ...(d.notes ?? []),
        ...(p.rejoined > 0 ? [`${p.rejoined} wrapped line${p.rejoined === 1 ? "" : "s"} re-joined`] : []),
      ],
    });
    for (const l of lines.slice(i, p.end)) out.used.add(l.no);
    i = p.end;
  }
  return out;
}

function readStructured(
  lines: SourceLine[],
  i: number,
  s: Structured,
  d: PlanDocument,
  out: DocumentReading,
): number {
  const body = text(lines, i, s.end);
  let parsed: unknown;
  try {
    parsed = s.parse(body);
  } catch (err) {
    // psql marks a value's line breaks with "+": without them it may parse
    const unmarked = body.replace(/[ \t]*\+$/gm, "");
    try {
      parsed = s.parse(unmarked);
    } catch {
      out.problems.push({
        message: `This looks like ${s.source.toUpperCase()} but does not parse: ${(err as Error).message}`,
        line: lines[i]!.no,
        text: lines[i]!.text,
      });
      return i;
    }
  }
  let plans: RawPlan[];
  try {
    plans = unwrapPlans(parsed);
  } catch (err) {
    out.problems.push({ message: (err as Error).message, line: lines[i]!.no, text: lines[i]!.text });
    return i;
  }
  for (const raw of plans)
    out.plans.push({
      raw,
      source: s.source,
      firstLine: lines[i]!.no,
      lastLine: lines[s.end - 1]!.no,
      origin: d.origin,
      notes: [...(d.notes ?? [])],
    });
  for (const l of lines.slice(i, s.end)) out.used.add(l.no);
  return s.end;
}

/** auto_explain's TEXT entries start with "Query Text: …" (several lines when the statement has them). */
function queryTextBefore(lines: SourceLine[], root: number): string | undefined {
  const start = lines.findIndex((l, k) => k < root && l.text.startsWith("Query Text: "));
  if (start < 0) return undefined;
  const parts = lines.slice(start, root).map((l) => l.text);
  const params = parts.findIndex((p) => p.startsWith("Query Parameters: "));
  return (params >= 0 ? parts.slice(0, params) : parts).join("\n").slice("Query Text: ".length);
}

function withQueryText(plan: RawPlan, queryText: string | undefined): RawPlan {
  return queryText === undefined || plan["Query Text"] !== undefined
    ? plan
    : { ...plan, "Query Text": queryText };
}
