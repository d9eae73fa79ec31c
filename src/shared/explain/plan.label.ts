import type { RawNode } from "./plan.raw";
import { str } from "./plan.values";

/** Keywords quote_identifier() quotes (every category but unreserved), PostgreSQL 18. */
const KEYWORDS = new Set(
  "all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast char character check coalesce collate collation column concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect interval into is isnull join json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value lateral leading least left like limit localtime localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay placing position precision primary real references returning right row select session_user setof similar smallint some substring symmetric system_user table tablesample then time timestamp to trailing treat trim true union unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable".split(
    " ",
  ),
);

/** An identifier as PostgreSQL's quote_identifier() prints it. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !KEYWORDS.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

const AGG_NAME: Record<string, string> = {
  Hashed: "HashAggregate",
  Sorted: "GroupAggregate",
  Mixed: "MixedAggregate",
  Plain: "Aggregate",
};

/** The node's first line as EXPLAIN's text format prints it, from its JSON-format properties. */
export function nodeLabel(r: RawNode): string {
  const type = str(r["Node Type"]) ?? "Unknown";
  let name = baseName(r, type);
  if (r["Async Capable"] === true) name = `Async ${name}`;
  if (r["Parallel Aware"] === true) name = `Parallel ${name}`;
  const index = str(r["Index Name"]);
  if (type === "Index Scan" || type === "Index Only Scan") {
    if (str(r["Scan Direction"]) === "Backward") name += " Backward";
    if (index !== null) name += ` using ${quoteIdent(index)}`;
  } else if (type === "Bitmap Index Scan" && index !== null) return `${name} on ${quoteIdent(index)}`;
  return name + target(r);
}

function baseName(r: RawNode, type: string): string {
  const join = str(r["Join Type"]);
  const operation = str(r.Operation);
  switch (type) {
    case "Aggregate": {
      const partial = str(r["Partial Mode"]);
      const agg = AGG_NAME[str(r.Strategy) ?? "Plain"] ?? "Aggregate";
      return partial && partial !== "Simple" ? `${partial} ${agg}` : agg;
    }
    case "SetOp":
      return `${str(r.Strategy) === "Hashed" ? "HashSetOp" : "SetOp"} ${str(r.Command) ?? ""}`.trim();
    case "ModifyTable":
      return operation ?? "ModifyTable";
    case "Foreign Scan":
      return operation && operation !== "Select" ? `Foreign ${operation}` : "Foreign Scan";
    case "Custom Scan": {
      const provider = str(r["Custom Plan Provider"]);
      return provider !== null ? `Custom Scan (${provider})` : "Custom Scan";
    }
    case "Nested Loop":
      return join && join !== "Inner" ? `Nested Loop ${join} Join` : "Nested Loop";
    case "Hash Join":
    case "Merge Join":
      return join && join !== "Inner" ? type.replace(/ Join$/, ` ${join} Join`) : type;
    default:
      return type;
  }
}

const OBJECT_KEYS = ["Relation Name", "Function Name", "Table Function Name", "CTE Name", "Tuplestore Name"];

/** " on [schema.]object [alias]", or " on alias" for a scan without an object name. */
function target(r: RawNode): string {
  const objectKey = OBJECT_KEYS.find((k) => typeof r[k] === "string");
  const alias = str(r.Alias);
  if (!objectKey) return alias !== null ? ` on ${quoteIdent(alias)}` : "";
  const object = r[objectKey] as string;
  const schema = str(r.Schema);
  let out = ` on ${schema !== null ? `${quoteIdent(schema)}.` : ""}${quoteIdent(object)}`;
  if (alias !== null && alias !== object) out += ` ${quoteIdent(alias)}`;
  return out;
}
