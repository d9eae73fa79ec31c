import type { RawNode } from "./plan.builder";
import { propertyLine } from "./plan-text.properties";

/**
 * Reads a plan in EXPLAIN's text format (as psql prints it, pasted by a user) into the
 * same shape FORMAT JSON has, so one model builder serves both. Nesting comes from the
 * column of each "->"; property lines belong to the deepest node left of them.
 */
export function parseTextPlan(input: string): Record<string, unknown> {
  const lines = cleanLines(input);
  const top: Record<string, unknown> = {};
  const stack: Entry[] = [];
  let root: RawNode | undefined;
  let rootIndent = 0;
  let section: Record<string, unknown> | undefined;

  // VERBOSE prints per-worker figures indented under "Worker N:"; they are not the node's
  let workerIndent: number | null = null;
  for (const { indent, content } of lines) {
    if (workerIndent !== null && indent > workerIndent && !content.startsWith("->")) continue;
    workerIndent = null;
    const header = matchNode(content);
    const isNode = header !== null && (content.startsWith("->") || root === undefined);
    if (isNode) {
      section = undefined;
      const node = header.node;
      if (!root) {
        root = node;
        rootIndent = indent;
        stack.push({ indent, node });
        continue;
      }
      while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      let marker: Marker | undefined;
      let parentIdx = stack.length - 1;
      if (stack[parentIdx]!.marker) {
        marker = stack[parentIdx]!.marker;
        parentIdx--;
      }
      const parent = stack[parentIdx]!.node!;
      const siblings = (parent.Plans ??= []);
      node["Parent Relationship"] =
        marker?.relationship ?? relationshipFor(parent, siblings.filter((s) => !s["Subplan Name"]).length);
      if (marker) node["Subplan Name"] = marker.name;
      siblings.push(node);
      stack.push({ indent, node });
      continue;
    }
    if (!root) continue;
    // root properties sit 2 columns in; a pasted selection often lost the first line's indent
    if (indent <= rootIndent + 1) {
      section = topLevelLine(content, top);
      continue;
    }
    if (section) {
      sectionLine(content, section);
      continue;
    }
    const marker = matchMarker(content);
    if (marker) {
      while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      stack.push({ indent, marker });
      continue;
    }
    if (/^Worker \d+:/.test(content)) {
      workerIndent = indent;
      continue;
    }
    const owner = [...stack].reverse().find((e) => e.node && e.indent < indent)?.node;
    if (owner) propertyLine(content, owner);
  }
  if (!root)
    throw new Error('No plan found: expected lines like "Seq Scan on t  (cost=0.00..1.10 rows=10 width=4)"');
  return { Plan: root, ...top };
}

interface Marker {
  relationship: "InitPlan" | "SubPlan";
  name: string;
}

interface Entry {
  indent: number;
  node?: RawNode;
  marker?: Marker;
}

/** Drops psql's decoration: the header, the rule, "(N rows)", wrapped-line "+" and quotes. */
function cleanLines(input: string): Array<{ indent: number; content: string }> {
  const out: Array<{ indent: number; content: string }> = [];
  for (let line of input.replace(/\t/g, "    ").split(/\r?\n/)) {
    line = line.replace(/\s*\+\s*$/, "").replace(/\s+$/, "");
    if (/^\s*"/.test(line) && line.endsWith('"')) line = line.replace(/^(\s*)"/, "$1").slice(0, -1);
    const content = line.trim();
    if (!content || /^QUERY PLAN$/i.test(content) || /^-+$/.test(content) || /^\(\d+ rows?\)$/.test(content))
      continue;
    out.push({ indent: line.length - line.trimStart().length, content });
  }
  return out;
}

const NUM = String.raw`(-?[\d.]+(?:e[+-]?\d+)?)`;
const COST = new RegExp(String.raw`\s*\(cost=${NUM}\.\.${NUM} rows=${NUM} width=${NUM}\)`);
const ACTUAL = new RegExp(String.raw`\s*\(actual (?:time=${NUM}\.\.${NUM} )?rows=${NUM} loops=${NUM}\)`);
const NEVER = /\s*\(never executed\)/;

function matchNode(content: string): { node: RawNode } | null {
  let rest = content.replace(/^->\s*/, "");
  const cost = COST.exec(rest);
  const actual = ACTUAL.exec(rest);
  const never = NEVER.exec(rest);
  if (!cost && !actual && !never && !content.startsWith("->")) {
    // COSTS OFF root: a bare node name, not a "Key: value" property
    if (/:\s/.test(content) || /:$/.test(content)) return null;
  }
  const cut = Math.min(...[cost, actual, never].filter((m) => m !== null).map((m) => m.index), rest.length);
  const label = rest.slice(0, cut).trim();
  rest = label;
  const node: RawNode = { ...describeLabel(label), _label: label };
  if (cost) {
    node["Startup Cost"] = Number(cost[1]);
    node["Total Cost"] = Number(cost[2]);
    node["Plan Rows"] = Number(cost[3]);
    node["Plan Width"] = Number(cost[4]);
  }
  if (actual) {
    if (actual[1] !== undefined) {
      node["Actual Startup Time"] = Number(actual[1]);
      node["Actual Total Time"] = Number(actual[2]);
    }
    node["Actual Rows"] = Number(actual[3]);
    node["Actual Loops"] = Number(actual[4]);
  } else if (never) {
    node["Actual Rows"] = 0;
    node["Actual Loops"] = 0;
    node._neverExecuted = true;
  }
  return { node };
}

const NAME = String.raw`((?:"(?:[^"]|"")*"|[^\s"])+)`;
const USING = new RegExp(String.raw`^(.*?) using ${NAME} on ${NAME}(?: ${NAME})?$`);
const ON = new RegExp(String.raw`^(.*?) on ${NAME}(?: ${NAME})?$`);
const JOIN = /^(Nested Loop|Hash|Merge)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))?(?: Join)?$/;
const AGG = /^(Partial |Finalize )?(HashAggregate|GroupAggregate|MixedAggregate|Aggregate)$/;
const MODIFY = /^(Insert|Update|Delete|Merge)$/;

/** Node type and names from a label like "Parallel Index Scan Backward using i on t x". */
function describeLabel(label: string): RawNode {
  const out: RawNode = {};
  let base = label;
  if (base.startsWith("Parallel ")) {
    out["Parallel Aware"] = true;
    base = base.slice("Parallel ".length);
  }
  const using = USING.exec(base);
  const on = using ? null : ON.exec(base);
  if (using) {
    base = using[1]!;
    out["Index Name"] = unquote(using[2]!);
    Object.assign(out, relationName(using[3]!));
    if (using[4]) out.Alias = unquote(using[4]);
  } else if (on) {
    base = on[1]!;
    const name = on[2]!;
    if (base === "Bitmap Index Scan") out["Index Name"] = name;
    else if (base === "CTE Scan") out["CTE Name"] = name;
    else if (base === "Function Scan") out["Function Name"] = name;
    else if (base === "Subquery Scan") out.Alias = name;
    else Object.assign(out, relationName(name));
    if (on[3]) out.Alias = unquote(on[3]);
  }
  if (base.endsWith(" Backward")) {
    out["Scan Direction"] = "Backward";
    base = base.slice(0, -" Backward".length);
  }
  const join = JOIN.exec(base);
  const agg = AGG.exec(base);
  if (join && base !== "Hash") {
    out["Node Type"] = join[1] === "Nested Loop" ? "Nested Loop" : `${join[1]} Join`;
    out["Join Type"] = join[2] ?? "Inner";
  } else if (agg) {
    out["Node Type"] = "Aggregate";
    out.Strategy = {
      HashAggregate: "Hashed",
      GroupAggregate: "Sorted",
      MixedAggregate: "Mixed",
      Aggregate: "Plain",
    }[agg[2]!];
    out["Partial Mode"] = agg[1] ? agg[1].trim() : "Simple";
  } else if (MODIFY.test(base)) {
    out["Node Type"] = "ModifyTable";
    out.Operation = base;
  } else out["Node Type"] = base;
  return out;
}

/** "public.orders" or "My Schema"."My Table" as the JSON format names them: unquoted, schema apart. */
function relationName(printed: string): RawNode {
  const m = /^((?:"(?:[^"]|"")*")|[^".]+)\.(.+)$/.exec(printed);
  return m
    ? { Schema: unquote(m[1]!), "Relation Name": unquote(m[2]!) }
    : { "Relation Name": unquote(printed) };
}

function unquote(name: string): string {
  return /^".*"$/.test(name) ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function relationshipFor(parent: RawNode, index: number): string {
  const type = parent["Node Type"];
  if (
    type === "Append" ||
    type === "Merge Append" ||
    type === "BitmapAnd" ||
    type === "BitmapOr" ||
    type === "ModifyTable"
  )
    return "Member";
  if (type === "Subquery Scan") return "Subquery";
  return index === 0 ? "Outer" : "Inner";
}

function matchMarker(content: string): Marker | null {
  const m = /^(InitPlan|SubPlan) \d+(?: \(returns .*\))?$/.exec(content);
  if (m) return { relationship: m[1] as Marker["relationship"], name: content };
  const cte = /^CTE (\S+)$/.exec(content);
  return cte ? { relationship: "InitPlan", name: content } : null;
}

/** Planning Time, Execution Time, Triggers, JIT and Settings; returns the open section. */
function topLevelLine(content: string, top: Record<string, unknown>): Record<string, unknown> | undefined {
  const time = /^(Planning|Execution) Time: ([\d.]+) ms$/.exec(content);
  if (time) {
    top[`${time[1]} Time`] = Number(time[2]);
    return undefined;
  }
  const trigger = /^Trigger (.+?): time=([\d.]+) calls=(\d+)$/.exec(content);
  if (trigger) {
    const triggers = (top.Triggers ??= []) as unknown[];
    const [, who] = trigger;
    const on = / on (\S+)$/.exec(who!);
    triggers.push({
      "Trigger Name": on ? who!.slice(0, on.index) : who,
      Relation: on?.[1],
      Time: Number(trigger[2]),
      Calls: Number(trigger[3]),
    });
    return undefined;
  }
  if (content.startsWith("Settings:")) {
    const settings: Record<string, string> = {};
    for (const m of content.matchAll(/([\w.]+) = '((?:[^']|'')*)'/g))
      settings[m[1]!] = m[2]!.replace(/''/g, "'");
    top.Settings = settings;
    return undefined;
  }
  if (content === "JIT:") return (top.JIT = { Timing: {} }) as Record<string, unknown>;
  return {}; // "Planning:", "Serialization: ...", and other summaries: not modelled
}

function sectionLine(content: string, section: Record<string, unknown>): void {
  if (!("Timing" in section)) return;
  const functions = /^Functions: (\d+)$/.exec(content);
  if (functions) section.Functions = Number(functions[1]);
  if (content.startsWith("Timing:")) {
    const timing = section.Timing as Record<string, number>;
    for (const m of content.matchAll(/(Generation|Inlining|Optimization|Emission|Total) ([\d.]+) ms/g))
      timing[m[1]!] = Number(m[2]);
  }
}
