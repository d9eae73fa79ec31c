import type { RawNode } from "../plan.raw";
import { splitExpressionList } from "./expression-list";
import { splitQualified, SQL_NAME, unquoteName } from "./sql-name";

export interface KeyLine {
  key: "Group Key" | "Hash Key" | "Sort Key";
  value: string;
  /** Printed 2 deeper: a group key of the sort above it. */
  sub: boolean;
}

const keyList = (value: string) => (value === "()" ? [] : splitExpressionList(value));

/**
 * An aggregate prints one "Group Key:" line for plain GROUP BY; with grouping sets it
 * prints one line per set: each "Hash Key" is a hashed set of its own, "Sort Key" opens
 * a sorted set whose group keys follow 2 deeper, and consecutive "Group Key" lines share
 * one set (the JSON format's "Grouping Sets").
 */
export function finishNode(node: RawNode, keys: KeyLine[]): void {
  if (keys.length === 0) return;
  if (keys.length === 1 && keys[0]!.key === "Group Key" && keys[0]!.value !== "()") {
    node["Group Key"] = splitExpressionList(keys[0]!.value);
    return;
  }
  const sets: Array<Record<string, unknown>> = [];
  let open: Record<string, unknown> | null = null;
  for (const k of keys) {
    if (k.key === "Sort Key") {
      open = { "Sort Key": splitExpressionList(k.value), "Group Keys": [] };
      sets.push(open);
    } else if (k.key === "Hash Key") {
      sets.push({ "Hash Keys": [keyList(k.value)] });
      open = null;
    } else if (open && (k.sub || !("Sort Key" in open))) {
      (open["Group Keys"] as unknown[]).push(keyList(k.value));
    } else {
      open = { "Group Keys": [keyList(k.value)] };
      sets.push(open);
    }
  }
  node["Grouping Sets"] = sets;
}

const TARGET = new RegExp(
  String.raw`^(?:Foreign )?(?:Insert|Update|Delete|Merge) on (${SQL_NAME}(?:\.${SQL_NAME})?)(?: (${SQL_NAME}))?$`,
);

/** "Update on parted_1 p" under a ModifyTable: one of its target tables. */
export function readTargetTable(content: string, node: RawNode): Record<string, unknown> {
  const m = TARGET.exec(content);
  const target: Record<string, unknown> = {};
  if (m) {
    const q = splitQualified(m[1]!);
    target["Relation Name"] = q.name;
    if (q.schema !== undefined) target.Schema = q.schema;
    target.Alias = m[2] ? unquoteName(m[2]) : q.name;
  } else target._unparsed = [content];
  ((node["Target Tables"] ??= []) as unknown[]).push(target);
  return target;
}
