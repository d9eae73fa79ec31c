import { parseExplainJson } from "./formats/value-types";
import { buildFromPlan, unwrapPlans } from "./plan.builder";
import type { PlanModel } from "./plan.model";
import type { PlanDocument } from "./input/document";
import { openEnvelopes } from "./input/envelopes";
import { unwrapLoose } from "./input/loose-unwrap";
import { normalizeInput } from "./input/normalize";
import { readDocument, type ReadPlan } from "./input/plan-document.read";
import { unquoteCopy } from "./input/quoted-copy";
import type { RawPlan } from "./plan.raw";
import type { SourceLine } from "./text/rejoin";

/** One plan found in what the user pasted. */
export interface PlanReading {
  model: PlanModel;
  firstLine: number;
  lastLine: number;
  /** How it was found: "psql table (wrapped, border 2)", "auto_explain log entry (csvlog)", "pasted text". */
  origin: string;
  notes: string[];
}

/** Why the text is not a plan, with the first line that shows it. */
export interface PlanRefusal {
  message: string;
  line: number | null;
  text: string | null;
}

export type PlanInputResult =
  | {
      ok: true;
      plans: PlanReading[];
      /** Lines around the plans that were left out (SQL, prompts, comments). */
      skipped: Array<{ line: number; text: string }>;
      /** Parts that looked like a plan but could not be read, and why. */
      problems: PlanRefusal[];
    }
  | { ok: false; refusal: PlanRefusal };

const EMPTY =
  "Paste a plan: the output of EXPLAIN (ANALYZE, BUFFERS), in any format psql, pgAdmin, DBeaver or a server log gave it";

/**
 * Reads every plan in a paste, however it reached the user: EXPLAIN's TEXT, JSON, YAML or
 * XML; inside a psql table of any \pset format, border and expanded mode; an auto_explain
 * log entry; a pgAdmin/DBeaver copy with doubled quotes; lines a terminal or chat wrapped;
 * with SQL, prompts or comments around it. Text that holds no plan is refused, quoting the
 * first line that shows it.
 */
export function readPlanInput(input: string): PlanInputResult {
  const json = wholeJson(input);
  if (json) return finish(json);
  const lines = normalizeInput(input);
  if (lines.every((l) => l.text.trim() === ""))
    return { ok: false, refusal: { message: EMPTY, line: null, text: null } };
  const first = attempt(lines);
  if (first.plans.length > 0) return finish(first);
  for (const unquoted of unquoteCopy(lines)) {
    const again = attempt(unquoted);
    if (again.plans.length > 0) return finish(again, "quotes of a pgAdmin/DBeaver copy removed");
  }
  return { ok: false, refusal: refusalFor(lines, first.problems) };
}

interface Attempt {
  plans: ReadPlan[];
  skipped: Array<{ line: number; text: string }>;
  problems: PlanRefusal[];
}

const newlines = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * A paste that is EXPLAIN's JSON and nothing else (the common case, and the biggest) is
 * read at once; anything else (text around it, no-break spaces, several documents, psql
 * marks) goes the line-by-line way, which reads the same JSON the same.
 */
function wholeJson(input: string): Attempt | null {
  const body = input.trim();
  if (!body.startsWith("[") && !body.startsWith("{")) return null;
  let plans: RawPlan[];
  try {
    plans = unwrapPlans(parseExplainJson(body));
  } catch {
    return null;
  }
  const firstLine = newlines(input.slice(0, input.indexOf(body[0]!))) + 1;
  const lastLine = firstLine + newlines(body);
  return {
    plans: plans.map((raw) => ({
      raw,
      source: "json",
      firstLine,
      lastLine,
      origin: "pasted text",
      notes: [],
    })),
    skipped: [],
    problems: [],
  };
}

/**
 * What a paste holds once every envelope is opened: the documents to read plans from
 * (loose text already freed of tuples-only psql markers). The plans depend on these
 * alone, which lets the corpus test read each distinct document once.
 */
export function openPlanDocuments(input: string): Array<{ document: PlanDocument; loose: boolean }> {
  return documentsOf(normalizeInput(input));
}

function documentsOf(lines: SourceLine[]): Array<{ document: PlanDocument; loose: boolean }> {
  return openEnvelopes(lines).documents.map(({ document, loose }) => ({
    document: loose ? { ...document, lines: unwrapLoose(document.lines) } : document,
    loose,
  }));
}

function attempt(lines: SourceLine[]): Attempt {
  const out: Attempt = { plans: [], skipped: [], problems: [] };
  for (const { document: doc, loose } of documentsOf(lines)) {
    const reading = readDocument(doc, loose);
    out.plans.push(...reading.plans);
    out.problems.push(...reading.problems);
    if (loose)
      for (const l of doc.lines)
        if (!reading.used.has(l.no) && l.text.trim() !== "") out.skipped.push({ line: l.no, text: l.text });
  }
  return out;
}

function finish(a: Attempt, note?: string): PlanInputResult {
  const plans = a.plans.map((p) => {
    const notes = [...p.notes];
    if (note) notes.push(note);
    return {
      model: buildFromPlan(p.raw, p.source),
      firstLine: p.firstLine,
      lastLine: p.lastLine,
      origin: p.origin,
      notes,
    };
  });
  return { ok: true, plans, skipped: a.skipped, problems: a.problems };
}

const SQL = /^\s*(?:select|insert|update|delete|merge|with|explain|values|create|table|set|begin|commit)\b/i;

/** What EXPLAIN prints instead of a plan, and what that means. */
const NO_PLAN: Array<[RegExp, string]> = [
  [
    /^Query rewrites to nothing$/,
    "EXPLAIN says the statement rewrites to nothing (a rule replaced it): there is no plan to show",
  ],
  [
    /^Utility statements have no plan structure$/,
    "EXPLAIN says this statement has no plan (it is a utility statement)",
  ],
];

function refusalFor(lines: SourceLine[], problems: PlanRefusal[]): PlanRefusal {
  if (problems.length > 0) return problems[0]!;
  for (const l of lines)
    for (const [re, message] of NO_PLAN)
      if (re.test(l.text.trim())) return { message, line: l.no, text: l.text.trim() };
  const first = lines.find((l) => l.text.trim() !== "")!;
  const text = first.text.trim();
  if (SQL.test(text))
    return {
      message: `Line ${first.no} is SQL, not a plan. Run it with Explain in the Query editor, or paste what EXPLAIN printed`,
      line: first.no,
      text,
    };
  return {
    message:
      `Line ${first.no} is not part of a plan. A plan starts with a node line such as ` +
      `"Seq Scan on orders  (cost=0.00..35.50 rows=10 width=4)", or is EXPLAIN's JSON, YAML or XML`,
    line: first.no,
    text,
  };
}

/** The first plan of a paste, or an Error whose message quotes the line that is not a plan. */
export function parsePlanInput(input: string): PlanModel {
  const r = readPlanInput(input);
  if (!r.ok)
    throw new Error(r.refusal.text ? `${r.refusal.message}: "${r.refusal.text}"` : r.refusal.message);
  return r.plans[0]!.model;
}
