/**
 * PostgreSQL's keywords that are not "unreserved" (pg_get_keywords() of PostgreSQL 18):
 * a name equal to one of them must be double-quoted to be read as a name, exactly as
 * quote_ident() decides. The catalog the editor reads from the server carries the server's
 * own list; these are the fallback (and the words a bare alias can never be).
 */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Reserved (R): never a bare name. */
export const RESERVED = words(`
all analyse analyze and any array as asc asymmetric both case cast check collate column constraint
create current_catalog current_date current_role current_time current_timestamp current_user default
deferrable desc distinct do else end except false fetch for foreign from grant group having in
initially intersect into lateral leading limit localtime localtimestamp not null offset on only or
order placing primary references returning select session_user some symmetric system_user table then
to trailing true union unique user using variadic when where window with
`);

/** Type or function names (T): never a bare table, column or alias name. */
export const TYPE_FUNC_NAME = words(`
authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull
join left like natural notnull outer overlaps right similar tablesample verbose
`);

/** Column-name keywords (C): quote_ident() quotes them too. */
export const COL_NAME = words(`
between bigint bit boolean char character coalesce dec decimal exists extract float greatest
grouping inout int integer interval json json_array json_arrayagg json_exists json_object
json_objectagg json_query json_scalar json_serialize json_table json_value least merge_action
national nchar none normalize nullif numeric out overlay position precision real row setof smallint
substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists
xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
`);

/** The words quote_ident() quotes (every keyword that is not unreserved). */
export const QUOTED_KEYWORDS: ReadonlySet<string> = new Set([...RESERVED, ...TYPE_FUNC_NAME, ...COL_NAME]);

/** A word that cannot stand as a bare alias after a table (FROM orders o): reserved or type/function name. */
export function cannotBeAlias(word: string): boolean {
  const w = word.toLowerCase();
  return RESERVED.has(w) || TYPE_FUNC_NAME.has(w);
}

/**
 * The name as it must be typed: as it is when it is lower-case plain and no keyword that
 * needs quoting (`keywords`: the server's list when known), else double-quoted ("user",
 * "MixedCase", "a""b").
 */
export function quoteIdentIfNeeded(name: string, keywords: ReadonlySet<string> = QUOTED_KEYWORDS): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !keywords.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}
