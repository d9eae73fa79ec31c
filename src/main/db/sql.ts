/**
 * Tags SQL constants so they read as SQL in editors; no interpolation is allowed:
 * values go through $n parameters, identifiers through quoteIdent().
 */
export function sql(strings: TemplateStringsArray, ...values: never[]): string {
  if (values.length > 0) throw new Error("sql`` takes no interpolations; use $n parameters");
  return strings.join("");
}

/** Quotes an identifier the way PostgreSQL's quote_ident does, always quoting. */
export function quoteIdent(name: string): string {
  if (name.includes("\u0000")) throw new Error("identifier contains a NUL byte");
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal (for SQL shown to the user, never for queries we run). */
export function quoteLiteral(value: string): string {
  if (value.includes("\u0000")) throw new Error("literal contains a NUL byte");
  const escaped = value.replaceAll("'", "''");
  return value.includes("\\") ? `E'${escaped.replaceAll("\\", "\\\\")}'` : `'${escaped}'`;
}
