/**
 * One SQL identifier as EXPLAIN prints it (quote_identifier): bare when it is a plain
 * lower-case name, else double-quoted with "" for a quote.
 */
const BARE = String.raw`[A-Za-z_\u00C0-\uFFFF][\w$\u00C0-\uFFFF]*`;
export const SQL_NAME = String.raw`(?:"(?:[^"]|"")*"|${BARE})`;

const QUALIFIED = new RegExp(String.raw`^("(?:[^"]|"")*"|${BARE})\.(${SQL_NAME})$`);

export function unquoteName(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"')
    ? name.slice(1, -1).replace(/""/g, '"')
    : name;
}

/** "public.orders" or "My Schema"."My Table": the schema and the name, unquoted. */
export function splitQualified(printed: string): { schema?: string; name: string } {
  const m = QUALIFIED.exec(printed);
  return m ? { schema: unquoteName(m[1]!), name: unquoteName(m[2]!) } : { name: unquoteName(printed) };
}
