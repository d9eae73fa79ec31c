declare const sqlBrand: unique symbol;

/**
 * SQL text that is safe to send: written in the code, or put together by `sql` from other
 * Sql only (quoted identifiers and literals, fragments) and non-negative integers. A plain
 * string becomes Sql only through the named doors below (quoteIdent, quoteLiteral,
 * serverSql, userSql), so the compiler points at every place a raw string would reach SQL
 * text, and lint (eslint-rules/no-sql-concat.js) forbids building SQL any other way.
 */
export type Sql = string & { readonly [sqlBrand]: true };

/** What `sql` may interpolate: other Sql, or a non-negative integer (a LIMIT, a pid, a timeout). */
export type SqlPart = Sql | number;

/**
 * Tags SQL so it reads as SQL in editors. Values go through $n parameters; an interpolation
 * is another Sql (a fragment, a quoted identifier) or a non-negative integer. The cooked
 * template strings are joined, so a backslash meant for PostgreSQL is written doubled.
 */
export function sql(strings: TemplateStringsArray, ...parts: SqlPart[]): Sql {
  let text = strings[0]!;
  for (let i = 0; i < parts.length; i++) text += render(parts[i]!) + strings[i + 1]!;
  return text as Sql;
}

function render(part: SqlPart): string {
  if (typeof part === "number") {
    // a negative number after a minus would start a comment (5 - -1 is "5 --1")
    if (!Number.isSafeInteger(part) || part < 0)
      throw new Error(`sql\`\` interpolates non-negative integers only, not ${part}`);
    return String(part);
  }
  if (typeof part !== "string") throw new Error(`sql\`\` cannot interpolate a ${typeof part}`);
  return part;
}

/** Sql pieces joined by a separator (", ", " AND ", a blank line). */
export function joinSql(parts: readonly Sql[], separator: Sql): Sql {
  return parts.join(separator) as Sql;
}

/** Quotes an identifier the way PostgreSQL's quote_ident does, always quoting. */
export function quoteIdent(name: string): Sql {
  if (name.includes("\u0000")) throw new Error("identifier contains a NUL byte");
  return `"${name.replaceAll('"', '""')}"` as Sql;
}

/** schema.name, both parts quoted. */
export function quoteQualified(schema: string, name: string): Sql {
  return sql`${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Quotes a string literal (for SQL shown to the user, never for queries we run). */
export function quoteLiteral(value: string): Sql {
  if (value.includes("\u0000")) throw new Error("literal contains a NUL byte");
  const escaped = value.replaceAll("'", "''");
  return (value.includes("\\") ? `E'${escaped.replaceAll("\\", "\\\\")}'` : `'${escaped}'`) as Sql;
}

/**
 * SQL text PostgreSQL itself wrote: format_type(), pg_get_*def(), pg_get_expr(),
 * quote_ident(), format('%I'). The server quoted every identifier in it, so it is passed
 * on unchanged (into DDL for the user to review, or a cast to a column's own type).
 */
export function serverSql(text: string): Sql {
  return text as Sql;
}

/** A -- comment line; a line break in the text would end it early, so each becomes a space. */
export function sqlComment(text: string): Sql {
  return `-- ${text.replace(/[\r\n]+/g, " ")}` as Sql;
}

/** The statement the user typed, sent as written: pgdesk runs it, it does not build it. */
export function userSql(text: string): Sql {
  return text as Sql;
}
