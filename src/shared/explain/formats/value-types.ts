/** Properties whose values are text in EXPLAIN's JSON even when they look like a number or a boolean. */
export const STRING_KEYS = new Set([
  "Node Type",
  "Strategy",
  "Partial Mode",
  "Operation",
  "Parent Relationship",
  "Subplan Name",
  "Custom Plan Provider",
  "Relation Name",
  "Schema",
  "Alias",
  "Index Name",
  "CTE Name",
  "Function Name",
  "Table Function Name",
  "Tuplestore Name",
  "Scan Direction",
  "Join Type",
  "Command",
  "Sort Method",
  "Sort Space Type",
  "Storage",
  "Cache Key",
  "Cache Mode",
  "Conflict Resolution",
  "Sampling Method",
  "Repeatable Seed",
  "Filter",
  "Join Filter",
  "Index Cond",
  "Recheck Cond",
  "Hash Cond",
  "Merge Cond",
  "One-Time Filter",
  "TID Cond",
  "Order By",
  "Run Condition",
  "Conflict Filter",
  "Function Call",
  "Table Function Call",
  "Remote SQL",
  "Relations",
  "Window",
  "Query Text",
  "Query Parameters",
  "Query Identifier",
  "Trigger Name",
  "Constraint Name",
  "Relation",
  "Format",
]);

/** A property value read from YAML or XML text, typed as EXPLAIN's JSON would have it. */
export function typedValue(key: string, text: string): unknown {
  if (STRING_KEYS.has(key)) return text;
  if (text === "true" || text === "false") return text === "true";
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
  return text;
}

/** JSON text with "Query Identifier" kept exact: a 64-bit id does not fit a JavaScript number. */
export function parseExplainJson(text: string): unknown {
  return JSON.parse(text.replace(/("Query Identifier":\s*)(-?\d+)/g, '$1"$2"'));
}
