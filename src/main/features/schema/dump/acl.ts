import { joinSql, quoteIdent, sql, type Sql } from "../../../db/sql";

/** One aclitem ("grantee=privs/grantor") read apart; grantee "" is PUBLIC. */
export interface AclItem {
  grantee: string;
  grantor: string;
  privileges: { name: string; grantable: boolean }[];
}

const PRIVILEGE_NAMES: Record<string, string> = {
  r: "SELECT",
  w: "UPDATE",
  a: "INSERT",
  d: "DELETE",
  D: "TRUNCATE",
  x: "REFERENCES",
  t: "TRIGGER",
  X: "EXECUTE",
  U: "USAGE",
  C: "CREATE",
  c: "CONNECT",
  T: "TEMPORARY",
  m: "MAINTAIN",
  s: "SET",
  A: "ALTER SYSTEM",
};

/** Reads a role name as aclitemout writes it: bare, or in double quotes with "" for a quote. */
function readName(text: string, at: number): [string, number] {
  if (text[at] !== '"') {
    let end = at;
    while (end < text.length && text[end] !== "=" && text[end] !== "/") end++;
    return [text.slice(at, end), end];
  }
  let name = "";
  let i = at + 1;
  for (;;) {
    if (i >= text.length) throw new Error(`unterminated role name in aclitem ${text}`);
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        name += '"';
        i += 2;
        continue;
      }
      return [name, i + 1];
    }
    name += text[i++];
  }
}

export function parseAclItem(text: string): AclItem {
  const [grantee, eq] = readName(text, 0);
  if (text[eq] !== "=") throw new Error(`not an aclitem: ${text}`);
  const slash = text.indexOf("/", eq);
  const letters = text.slice(eq + 1, slash);
  const [grantor] = readName(text, slash + 1);
  const privileges: AclItem["privileges"] = [];
  for (let i = 0; i < letters.length; i++) {
    const name = PRIVILEGE_NAMES[letters[i]!];
    if (!name) throw new Error(`unknown privilege ${letters[i]} in aclitem ${text}`);
    const grantable = letters[i + 1] === "*";
    if (grantable) i++;
    privileges.push({ name, grantable });
  }
  return { grantee, grantor, privileges };
}

const roleSql = (name: string): Sql => (name === "" ? sql`PUBLIC` : quoteIdent(name));

/** GRANT statements for one aclitem on `on` ("TABLE public.t", "FUNCTION f(integer)"); `columns` for column grants. */
export function grantStatements(item: AclItem, on: Sql, owner: string | undefined, columns?: Sql): Sql[] {
  const cols = columns ? sql` (${columns})` : sql``;
  const byOption = [false, true].map((g) =>
    item.privileges.filter((p) => p.grantable === g).map((p) => sql`${privilegeSql(p.name)}${cols}`),
  );
  const grantedBy =
    owner === undefined || item.grantor === owner ? sql`` : sql` GRANTED BY ${roleSql(item.grantor)}`;
  return byOption.flatMap((privs, withOption) =>
    privs.length === 0
      ? []
      : [
          sql`GRANT ${joinSql(privs, sql`, `)} ON ${on} TO ${roleSql(item.grantee)}${withOption ? sql` WITH GRANT OPTION` : sql``}${grantedBy};`,
        ],
  );
}

function privilegeSql(name: string): Sql {
  // the names above are fixed keywords, not user text
  return sql`${name as Sql}`;
}

/**
 * The statements that turn an object's default privileges into `acl`: what pg_dump does,
 * simplified: revoke everything the defaults give (PUBLIC's and the owner's), then grant
 * each item in order, so the replayed aclitem array matches, order included.
 * `acl` null means the defaults: nothing to write.
 */
export function aclStatements(
  on: Sql,
  owner: string | undefined,
  acl: readonly string[] | null | undefined,
): Sql[] {
  if (!acl) return [];
  const revokes = [sql`REVOKE ALL ON ${on} FROM PUBLIC;`];
  if (owner !== undefined) revokes.push(sql`REVOKE ALL ON ${on} FROM ${quoteIdent(owner)};`);
  return [...revokes, ...acl.flatMap((text) => grantStatements(parseAclItem(text), on, owner))];
}

/** Column privileges: added to the table's, no defaults to revoke. */
export function columnAclStatements(
  table: Sql,
  column: string,
  owner: string,
  acl: readonly string[] | null,
): Sql[] {
  return (acl ?? []).flatMap((text) =>
    grantStatements(parseAclItem(text), sql`TABLE ${table}`, owner, quoteIdent(column)),
  );
}
