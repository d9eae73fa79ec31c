import type { RawNode } from "../plan.raw";
import { SQL_NAME, splitQualified, unquoteName } from "./sql-name";

const N = String.raw`(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;
/** The figures that end a node line: estimates, then actuals or "never executed". */
const FIGURES = new RegExp(
  String.raw`(?:\s+\(cost=${N}\.\.${N} rows=${N} width=${N}\))?` +
    String.raw`(?:\s+\((?:actual (?:time=${N}\.\.${N} )?rows=${N} loops=${N}|(never executed))\))?\s*$`,
);

const JOIN = /^(Nested Loop|Hash|Merge)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti|IN))? Join$/;
const AGG = /^(?:(Partial|Finalize) )?(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$/;
const SETOP = /^(SetOp|HashSetOp) (Intersect All|Intersect|Except All|Except)$/;
const MODIFY = /^(Foreign )?(Insert|Update|Delete|Merge) on (.+)$/;
const CUSTOM = /^Custom Scan \((.*?)\)(?: on (.+))?$/;
const INDEX = new RegExp(String.raw`^(Index Scan|Index Only Scan)( Backward)? using (${SQL_NAME}) on (.+)$`);
const BITMAP_INDEX = new RegExp(String.raw`^Bitmap Index Scan on (${SQL_NAME})$`);
const TARGET = new RegExp(String.raw`^(${SQL_NAME}(?:\.${SQL_NAME})?)(?: (${SQL_NAME}))?$`);

/** The name EXPLAIN's JSON gives the object a scan reads, by node type. */
const SCAN_OBJECT: Record<string, string | null> = {
  "Seq Scan": "Relation Name",
  "Sample Scan": "Relation Name",
  "Bitmap Heap Scan": "Relation Name",
  "Tid Scan": "Relation Name",
  "Tid Range Scan": "Relation Name",
  "Foreign Scan": "Relation Name",
  "Function Scan": "Function Name",
  "Table Function Scan": "Table Function Name",
  "CTE Scan": "CTE Name",
  "WorkTable Scan": "CTE Name",
  "Named Tuplestore Scan": "Tuplestore Name",
  "Subquery Scan": null,
  "Values Scan": null,
};

const PLAIN = new Set([
  "Result",
  "ProjectSet",
  "Append",
  "Merge Append",
  "Recursive Union",
  "BitmapAnd",
  "BitmapOr",
  "Nested Loop",
  "Gather",
  "Gather Merge",
  "Materialize",
  "Memoize",
  "Result Cache",
  "Sort",
  "Incremental Sort",
  "Group",
  "WindowAgg",
  "Unique",
  "LockRows",
  "Limit",
  "Hash",
  "Foreign Scan",
  "Custom Scan",
]);

export interface NodeLine {
  node: RawNode;
  /** The line carried estimates or actuals (a bare name only counts as a node in a known tree). */
  hasFigures: boolean;
}

/** A node line whose figures are all there: none opened in the label and left unclosed. */
export function nodeLineComplete(content: string): boolean {
  const parsed = readNodeLine(content.replace(/^->\s*/, ""));
  return parsed !== null && !/\((?:cost=|actual\b|never\b)/.test(String(parsed.node._label));
}

/** Reads "Parallel Index Scan Backward using i on t x  (cost=…) (actual …)" into JSON-format properties. */
export function readNodeLine(content: string): NodeLine | null {
  const figures = FIGURES.exec(content)!;
  const label = content.slice(0, figures.index).trim();
  if (!label) return null;
  const described = describeLabel(label);
  const hasFigures = figures[0].trim() !== "";
  if (!described && !hasFigures) return null;
  const node: RawNode = described ?? { "Node Type": label };
  node._label = label;
  const f = figures.slice(1);
  if (f[0] !== undefined) {
    node["Startup Cost"] = Number(f[0]);
    node["Total Cost"] = Number(f[1]);
    node["Plan Rows"] = Number(f[2]);
    node["Plan Width"] = Number(f[3]);
  }
  if (f[8] !== undefined) {
    node["Actual Rows"] = 0;
    node["Actual Loops"] = 0;
    node._neverExecuted = true;
  } else if (f[6] !== undefined) {
    if (f[4] !== undefined) {
      node["Actual Startup Time"] = Number(f[4]);
      node["Actual Total Time"] = Number(f[5]);
    }
    node["Actual Rows"] = Number(f[6]);
    node["Actual Loops"] = Number(f[7]);
  }
  return { node, hasFigures };
}

/** Node type and names from the label, or null when the label names no known node. */
export function describeLabel(label: string): RawNode | null {
  const out: RawNode = {};
  let rest = label;
  if (rest.startsWith("Parallel ")) {
    out["Parallel Aware"] = true;
    rest = rest.slice(9);
  }
  if (rest.startsWith("Async ")) {
    out["Async Capable"] = true;
    rest = rest.slice(6);
  }
  const typed = nodeType(rest, out);
  return typed ? { "Node Type": typed["Node Type"], ...typed, ...out } : null;
}

function nodeType(label: string, flags: RawNode): RawNode | null {
  const join = JOIN.exec(label);
  if (join) {
    const type = join[1] === "Nested Loop" ? "Nested Loop" : `${join[1]} Join`;
    return { "Node Type": type, "Join Type": join[2] === "IN" ? "In" : (join[2] ?? "Inner") };
  }
  if (label === "Nested Loop") return { "Node Type": "Nested Loop", "Join Type": "Inner" };
  const agg = AGG.exec(label);
  if (agg)
    return { "Node Type": "Aggregate", Strategy: AGG_STRATEGY[agg[2]!], "Partial Mode": agg[1] ?? "Simple" };
  const setop = SETOP.exec(label);
  if (setop)
    return {
      "Node Type": "SetOp",
      Strategy: setop[1] === "HashSetOp" ? "Hashed" : "Sorted",
      Command: setop[2],
    };
  const modify = MODIFY.exec(label);
  if (modify) return modifyNode(modify, flags);
  const custom = CUSTOM.exec(label);
  if (custom) {
    const node: RawNode = { "Node Type": "Custom Scan", "Custom Plan Provider": custom[1] };
    return custom[2] === undefined ? node : withTarget(node, custom[2], "Relation Name");
  }
  const index = INDEX.exec(label);
  if (index) {
    const node: RawNode = {
      "Node Type": index[1],
      "Scan Direction": index[2] ? "Backward" : "Forward",
      "Index Name": unquoteName(index[3]!),
    };
    return withTarget(node, index[4]!, "Relation Name");
  }
  const bitmap = BITMAP_INDEX.exec(label);
  if (bitmap) return { "Node Type": "Bitmap Index Scan", "Index Name": unquoteName(bitmap[1]!) };
  const on = / on (.+)$/.exec(label);
  const base = on ? label.slice(0, on.index) : label;
  if (base in SCAN_OBJECT && (on || base === "Foreign Scan")) {
    const node: RawNode = { "Node Type": base };
    if (base === "Foreign Scan") node.Operation = "Select";
    return on ? withTarget(node, on[1]!, SCAN_OBJECT[base]!) : node;
  }
  if (!on && PLAIN.has(label)) return { "Node Type": label === "Result Cache" ? "Memoize" : label };
  return null;
}

const AGG_STRATEGY: Record<string, string> = {
  Aggregate: "Plain",
  GroupAggregate: "Sorted",
  HashAggregate: "Hashed",
  MixedAggregate: "Mixed",
};

function modifyNode(m: RegExpExecArray, flags: RawNode): RawNode | null {
  const [, foreign, operation, target] = m;
  const node: RawNode = foreign
    ? { "Node Type": "Foreign Scan", Operation: operation }
    : { "Node Type": "ModifyTable", Operation: operation };
  void flags;
  return withTarget(node, target!, "Relation Name");
}

/**
 * " on [schema.]name [alias]" as ExplainTargetRel prints it. Without an object name
 * (Subquery Scan, Values Scan) the one name is the alias; a Function Scan's one
 * unqualified name cannot be told from an alias, so it is read as the alias.
 */
function withTarget(node: RawNode, target: string, objectKey: string | null): RawNode | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  const [, object, alias] = m;
  const q = splitQualified(object!);
  if (objectKey === null || (objectKey === "Function Name" && !alias && q.schema === undefined)) {
    if (alias || q.schema !== undefined) return null;
    node.Alias = q.name;
    return node;
  }
  node[objectKey] = q.name;
  if (q.schema !== undefined) node.Schema = q.schema;
  node.Alias = alias ? unquoteName(alias) : q.name;
  return node;
}
