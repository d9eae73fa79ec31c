import { joinSql, quoteIdent, quoteLiteral, sql, type Sql } from "../../../db/sql";

/** "key=value" as the catalogs store options (reloptions, fdw options), split at the first '='. */
export function splitOption(text: string): [string, string] {
  const eq = text.indexOf("=");
  return eq < 0 ? [text, ""] : [text.slice(0, eq), text.slice(eq + 1)];
}

/** reloptions as a WITH (...) list: names are quoted identifiers, values literals. */
export function withOptions(options: readonly string[] | null | undefined): Sql {
  if (!options || options.length === 0) return sql``;
  const parts = options.map((o) => {
    const [k, v] = splitOption(o);
    return sql`${optionName(k)} = ${quoteLiteral(v)}`;
  });
  return sql` WITH (${joinSql(parts, sql`, `)})`;
}

/** FDW-style OPTIONS (key 'value', ...); the keys in `omit` (a password) are left out. */
export function fdwOptions(options: readonly string[] | null | undefined, omit: readonly string[] = []): Sql {
  const kept = (options ?? []).map(splitOption).filter(([k]) => !omit.includes(k));
  if (kept.length === 0) return sql``;
  return sql` OPTIONS (${joinSql(
    kept.map(([k, v]) => sql`${quoteIdent(k)} ${quoteLiteral(v)}`),
    sql`, `,
  )})`;
}

/** A reloption name: dotted ones (toast.fillfactor) quote each part. */
function optionName(name: string): Sql {
  return joinSql(name.split(".").map(quoteIdent), sql`.`);
}

/** Column and attribute options (n_distinct = 100): the same form as reloptions. */
export function setOptions(options: readonly string[]): Sql {
  return sql`(${joinSql(
    options.map((o) => {
      const [k, v] = splitOption(o);
      return sql`${optionName(k)} = ${quoteLiteral(v)}`;
    }),
    sql`, `,
  )})`;
}
