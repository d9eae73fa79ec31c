import { describe, expect, it } from "vitest";
import { parseStatements } from "../../../src/main/db/sql-parser";
import { formatSql } from "../../../src/renderer/src/features/query/sql-format";
import { sameTokens, tokenize } from "../../../src/renderer/src/features/query/sql-tokens";

/** Source offsets in libpg-query trees (location, stmt_len, rexpr_list_start...). */
const POSITION_KEY = /(^|_)(location|len|start|end)$/;

/** The parse trees without source positions: equal trees mean the same statements. */
async function trees(sql: string): Promise<unknown[]> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !POSITION_KEY.test(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return (await parseStatements(sql)).map((s) => strip(s.tree));
}

const comments = (sql: string) =>
  tokenize(sql)
    .filter((t) => t.kind === "comment")
    .map((t) => t.text.replace(/\s+/g, " "));

/** Statements a PostgreSQL user writes that a formatter could get wrong. */
const corpus: Record<string, string> = {
  casts: "select a::int, '{1,2}'::int[], b::numeric(10,2), c::timestamp with time zone, (d)::text from t",
  jsonOperators:
    "select doc->'a'->>'b', doc#>'{a,b}', doc#>>'{a,b}', doc @> '{\"a\":1}', doc ? 'k', doc ?| array['a'], doc ?& array['b'], doc - 'k' from t",
  params: "select * from t where a = $1 and b = any($2::int[]) and c between $3 and $10",
  dollarFunction: `create function add_one(a int) returns int language plpgsql as $$
begin
    -- a comment inside the body stays where it is
    return a   +   1;  /* and so does this */
end
$$;`,
  taggedDollar:
    "create function g() returns text as $body$ select   'x'  $$ not a quote $$ $body$ language sql immutable",
  doBlock: "do $$ begin raise notice 'semi;colon'; end $$; select 1",
  escapeStrings: "select E'it\\'s', E'tab\\there', 'plain ''quoted''', U&'d\\0061t\\+000061', B'1010', X'1F'",
  quotedIdentifiers: 'select "Weird ""id""", "select", "CamelCase"."Col" from "My Schema"."Tbl"',
  comments: `-- leading comment
select a, -- after a
  b /* inline */ from t -- trailing
/* block
   spanning lines */ where a > 1`,
  cte: "with recursive r(n) as (select 1 union all select n+1 from r where n<5), w as (insert into log(v) select n from r returning *) select count(*) from w",
  onConflict:
    "insert into t (id, v) values (1,'a'),(2,'b') on conflict (id) do update set v = excluded.v where t.v is distinct from excluded.v returning id",
  onConflictNothing: "insert into t values (1) on conflict on constraint t_pkey do nothing",
  windowFunctions:
    "select id, row_number() over (partition by g order by id rows between unbounded preceding and current row), sum(x) over w from t window w as (order by id range between '1 day'::interval preceding and current row)",
  filterAndOrdered:
    "select count(*) filter (where x > 0), percentile_cont(0.5) within group (order by x), string_agg(s, ',' order by s) from t group by rollup (a, b)",
  lateralAndLocking:
    'SELECT * FROM "Table" t JOIN LATERAL (SELECT 1 AS one) s ON true LEFT JOIN u USING (id) FOR UPDATE OF t SKIP LOCKED',
  operators:
    "select a || b, a <-> b, a && b, a <@ b, a !~* 'x', a ~ '^x$', -1 - -2, 2 ^ 3, |/ 16, a is not null, a <> b, a != b, a >= b from t",
  numbers: "select 1e-3, .5, 1.5e10, 0x1F, 1_000_000, 42::bigint from t",
  arrays: "select array[1,2,3], (array[1,2])[1], a[1:2], a[2] from t",
  caseAndIn:
    "select case when a in (1,2) then 'x' when a not in (select b from u) then 'y' else null end from t where exists (select 1) and a similar to 'a%'",
  updateFrom: "update t set a = u.a, (b, c) = (select 1, 2) from u where t.id = u.id returning t.*",
  deleteUsing: "delete from t using u where t.id = u.id and u.flag",
  ddl: "create table if not exists s.t (id bigint generated always as identity primary key, doc jsonb not null default '{}', at timestamptz default now(), check (id > 0))",
  indexDdl:
    "create index concurrently if not exists t_doc_idx on t using gin (doc jsonb_path_ops) where deleted_at is null",
  alterAndGrant:
    "alter table t add column x int, alter column y set default 0; grant select on all tables in schema public to reader",
  multiple: "select 1; select 2;\nselect 3",
  setAndShow: "set statement_timeout = '5s'; show search_path; reset all",
  typedLiterals:
    "select interval '1 day', date '2020-01-01', timestamptz '2020-01-01 00:00+00', int '1' from t",
  copy: "copy (select * from t) to stdout with (format csv, header true)",
  values: "values (1, 'a'), (2, 'b') order by 1 limit 2 offset 1",
  setOps: "(select 1) union (select 2) except all select 3 intersect select 4",
  distinctOn: "select distinct on (a) a, b from t order by a, b desc nulls last fetch first 3 rows with ties",
};

describe("formatSql over tricky PostgreSQL", () => {
  for (const [name, sql] of Object.entries(corpus)) {
    it(`${name}: formats to the same statements with the same comments`, async () => {
      const out = formatSql(sql);
      if (!out.ok) throw new Error(out.message);
      expect(out.text).not.toBe("");
      expect(await trees(out.text)).toEqual(await trees(sql));
      expect(comments(out.text)).toEqual(comments(sql));
      // formatting is idempotent
      const again = formatSql(out.text);
      expect(again.ok && again.text).toBe(out.text);
    });
  }

  it("keeps dollar-quoted bodies and string literals byte for byte", () => {
    const out = formatSql(corpus.dollarFunction!);
    expect(out.ok && out.text).toContain(
      "$$\nbegin\n    -- a comment inside the body stays where it is\n    return a   +   1;  /* and so does this */\nend\n$$",
    );
    const strings = formatSql(corpus.escapeStrings!);
    expect(strings.ok && strings.text).toContain("E'it\\'s'");
    expect(strings.ok && strings.text).toContain("U&'d\\0061t\\+000061'");
  });

  it("actually lays the statement out", () => {
    const out = formatSql("select a,b from t where a=1 and b=2 order by a");
    expect(out).toEqual({
      ok: true,
      text: "select\n  a,\n  b\nfrom\n  t\nwhere\n  a = 1\n  and b = 2\norder by\n  a",
    });
  });

  it("keeps a trailing line break and leaves blank input alone", () => {
    expect(formatSql("select 1\n")).toEqual({ ok: true, text: "select\n  1\n" });
    expect(formatSql("  \n")).toEqual({ ok: true, text: "  \n" });
  });

  it("refuses rather than joining a string continuation ('a' newline 'b') into a syntax error", () => {
    expect(formatSql("select 'a'\n'b' as s")).toEqual({
      ok: false,
      message: `Not formatted: formatting would change the meaning of this SQL near "'b'"`,
    });
  });

  it("refuses what sql-formatter gets wrong instead of applying it", () => {
    // it splits N'..' into N '..' (a different statement) and cannot parse 0o/0b literals
    expect(formatSql("select N'national'")).toEqual({
      ok: false,
      message: `Not formatted: formatting would change the meaning of this SQL near "N'national'"`,
    });
    const octal = formatSql("select 0o17, 0b101");
    expect(!octal.ok && octal.message).toMatch(
      /^Not formatted: the formatter does not understand this SQL \(Parse error/,
    );
  });

  it("refuses unterminated input with the reason", () => {
    expect(formatSql("select 'abc")).toEqual({ ok: false, message: "Not formatted: unterminated string" });
    expect(formatSql("select $$ body")).toEqual({
      ok: false,
      message: "Not formatted: unterminated dollar-quoted string $$",
    });
    expect(formatSql("select 1 /* open")).toEqual({
      ok: false,
      message: "Not formatted: unterminated /* comment",
    });
  });
});

describe("the token check behind formatSql", () => {
  const same = (a: string, b: string) => sameTokens(tokenize(a), tokenize(b)).same;

  it("accepts layout and keyword case changes only", () => {
    expect(same("select a,b from t", "SELECT\n  a,\n  b\nFROM t")).toBe(true);
    expect(same("select 'A'", "select 'a'")).toBe(false);
    expect(same('select "A"', 'select "a"')).toBe(false);
    expect(same("select $$ a  b $$", "select $$ a b $$")).toBe(false);
  });

  it("lexes operators as the server does", () => {
    // @- is one operator (it contains @), <- is < then -: splitting only the first changes meaning
    expect(same("select a @-b", "select a @ - b")).toBe(false);
    expect(same("select a<-b", "select a < - b")).toBe(true);
    // joining - -1 would start a comment
    expect(same("select 1 - -1", "select 1 --1")).toBe(false);
  });

  it("lexes nested block comments and string continuations", () => {
    expect(tokenize("/* a /* b */ c */ select").map((t) => t.kind)).toEqual(["comment", "word"]);
    expect(same("select 'a'\n'b'", "select 'a' 'b'")).toBe(false);
    expect(same("select 'a'\n'b'", "select\n  'a'\n  'b'")).toBe(true);
  });
});
