import type { RawPlan } from "../plan.raw";
import { readProperty, scalar, splitProperty } from "./properties";

/** Keys printed at the plan's own level, after the tree. */
const SUMMARY_KEYS = new Set([
  "Planning Time",
  "Planning time",
  "Execution Time",
  "Execution time",
  "Total runtime",
  "Settings",
  "Query Identifier",
  "Planning",
  "JIT",
  "Serialization",
  "Query Text",
  "Query Parameters",
]);

const TRIGGER = /^Trigger (.*?): (?:time=([\d.]+) )?calls=(\d+)$/;

/** A line that belongs to the plan's own level (Planning Time, a trigger, JIT: …). */
export function isSummaryLine(content: string): boolean {
  // a trigger line, even cut before its figures end
  if (TRIGGER.test(content) || /^Trigger \S/.test(content)) return true;
  const p = splitProperty(content);
  return p !== null && SUMMARY_KEYS.has(p.key);
}

/**
 * Any "Key: value" (or "Key:" opening a group) at the plan's own level: a line printed
 * there by an extension (pg_overexplain's "PlannedStmt:") is kept, not taken for a wrap.
 */
export function isPlanLevelLine(content: string): boolean {
  return isSummaryLine(content) || /^[A-Z][A-Za-z]*(?: [A-Za-z]+)*:(?: \S|$)/.test(content);
}

/** A plan-level line that ends where its grammar says it ends (a cut one does not). */
export function summaryComplete(content: string): boolean {
  if (content.startsWith("Trigger ")) return TRIGGER.test(content);
  const p = splitProperty(content);
  if (!p) return true;
  switch (p.key) {
    case "Planning Time":
    case "Planning time":
    case "Execution Time":
    case "Execution time":
    case "Total runtime":
      return /^[\d.]+ ms$/.test(p.value);
    case "Settings":
      return p.value === "" || /(?:'|NULL)$/.test(p.value);
    case "Serialization":
      return /format=(?:text|binary)$/.test(p.value);
    case "Query Identifier":
      return /^-?\d+$/.test(p.value);
    default:
      return true;
  }
}

/** Where the following, deeper lines go: the object a "Planning:", "JIT:" or "Serialization:" line opened. */
export type Section = Record<string, unknown>;

/** Reads one plan-level line into the plan; returns the section it opens, if any. */
export function readSummaryLine(content: string, plan: RawPlan): Section | undefined {
  const trigger = TRIGGER.exec(content);
  if (trigger) {
    ((plan.Triggers ??= []) as unknown[]).push(readTrigger(trigger));
    return undefined;
  }
  const p = splitProperty(content);
  if (!p) {
    ((plan._unparsed ??= []) as string[]).push(content);
    return undefined;
  }
  const time = /^([\d.]+) ms$/.exec(p.value);
  switch (p.key) {
    case "Planning Time":
    case "Planning time":
    case "Execution Time":
    case "Execution time":
      plan[p.key.replace(" time", " Time")] = time ? Number(time[1]) : p.value;
      return undefined;
    case "Total runtime":
      plan["Total Runtime"] = time ? Number(time[1]) : p.value;
      return undefined;
    case "Settings":
      plan.Settings = readSettings(p.value);
      return undefined;
    case "Query Identifier":
      // 64 bits: more than a JavaScript number holds exactly
      plan[p.key] = p.value;
      return undefined;
    case "Planning":
      return (plan.Planning = {}) as Section;
    case "JIT":
      return (plan.JIT = {}) as Section;
    case "Serialization":
      return (plan.Serialization = readSerialization(p.value)) as Section;
    default:
      if (p.value === "") return (plan[p.key] = {}) as Section;
      plan[p.key] = scalar(p.value);
      return undefined;
  }
}

/** "Trigger t_audit on orders: time=0.1 calls=3", "Trigger for constraint fk: calls=2". */
function readTrigger(m: RegExpExecArray): Record<string, unknown> {
  let who = m[1]!;
  const out: Record<string, unknown> = {};
  const on = / on (\S+)$/.exec(who);
  if (on) {
    out.Relation = on[1];
    who = who.slice(0, on.index);
  }
  const constraint = /(?:^| )for constraint (.+)$/.exec(who);
  if (constraint) {
    out["Constraint Name"] = constraint[1];
    who = who.slice(0, constraint.index);
  }
  if (who !== "") out["Trigger Name"] = who;
  if (m[2] !== undefined) out.Time = Number(m[2]);
  out.Calls = Number(m[3]);
  return out;
}

/** "work_mem = '64kB', search_path = '"$user", public'": values are printed unescaped. */
function readSettings(value: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const re = /([A-Za-z_][\w.]*) = (?:'(.*?)'(?=, [A-Za-z_][\w.]* = |$)|NULL(?=, |$))/g;
  for (const m of value.matchAll(re)) out[m[1]!] = m[2] ?? null;
  return out;
}

function readSerialization(value: string): Section {
  const s: Section = {};
  const time = /time=([\d.]+) ms/.exec(value);
  if (time) s.Time = Number(time[1]);
  const output = /output=(\d+)kB/.exec(value);
  if (output) s["Output Volume"] = Number(output[1]);
  const format = /format=(\S+)/.exec(value);
  if (format) s.Format = format[1];
  return s;
}

/** A line inside a section opened by "Planning:", "JIT:" or "Serialization:". */
export function readSectionLine(content: string, section: Section): boolean {
  const p = splitProperty(content);
  if (p?.key === "Options") {
    const options: Record<string, boolean> = {};
    for (const m of p.value.matchAll(/(\w+) (true|false)/g)) options[m[1]!] = m[2] === "true";
    section.Options = options;
    return true;
  }
  if (p?.key === "Timing" && /ms/.test(p.value)) {
    section.Timing = readJitTiming(p.value);
    return true;
  }
  return readProperty(content, section);
}

/** "Generation 1.0 ms (Deform 0.2 ms), Inlining 0.0 ms, …, Total 3.0 ms"; Deform is PostgreSQL 17+. */
function readJitTiming(value: string): Record<string, unknown> {
  const timing: Record<string, unknown> = {};
  for (const m of value.matchAll(/(\w+) ([\d.]+) ms(?: \(Deform ([\d.]+) ms\))?/g)) {
    timing[m[1]!] = m[3] !== undefined ? { Deform: Number(m[3]), Total: Number(m[2]) } : Number(m[2]);
  }
  return timing;
}
