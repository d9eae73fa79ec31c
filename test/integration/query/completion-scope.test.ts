import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Completions } from "../../../src/shared/contract/query";
import { QUOTED_KEYWORDS } from "../../../src/shared/sql-scope/keywords";
import { CatalogIndex, completeAt, type Completion } from "../../../src/shared/sql-scope";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";

const SCHEMA = `
  CREATE SCHEMA sales;
  CREATE TABLE customers (id int PRIMARY KEY, name text, email text);
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, status text,
                       total numeric(12,2), created_at timestamptz);
  CREATE TABLE order_lines (id int PRIMARY KEY, order_id int REFERENCES orders, product text, qty int);
  CREATE TABLE "user" (id int PRIMARY KEY, "order" text, "Name" text);
  CREATE TABLE "MixedCase" ("Id" int, plain text);
  CREATE TABLE sales.targets (region text, quota int, customer_id int REFERENCES customers);
  CREATE TABLE archive (LIKE orders);
  CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
  CREATE FUNCTION order_total(order_id int) RETURNS numeric LANGUAGE sql AS 'SELECT 1::numeric';
  COMMENT ON FUNCTION order_total(int) IS 'Sum of an order''s lines';`;

type Check = (
  r: Completion & { labels: string[]; top: string[]; insert: (label: string) => string | undefined },
) => void;

const exactly =
  (labels: string[]): Check =>
  (r) =>
    expect(r.labels).toEqual(labels);
const topSet =
  (labels: string[]): Check =>
  (r) =>
    expect([...r.top.slice(0, labels.length)].sort()).toEqual([...labels].sort());
const first =
  (label: string): Check =>
  (r) =>
    expect(r.top[0]).toBe(label);
const has =
  (...labels: string[]): Check =>
  (r) =>
    expect(r.labels).toEqual(expect.arrayContaining(labels));
const lacks =
  (...labels: string[]): Check =>
  (r) =>
    labels.forEach((l) => expect(r.labels).not.toContain(l));
const inserts =
  (label: string, text: string): Check =>
  (r) =>
    expect(r.insert(label)).toBe(text);
const none: Check = (r) => expect(r.suggestions).toEqual([]);
const all =
  (...checks: Check[]): Check =>
  (r) =>
    checks.forEach((c) => c(r));

const ORDERS = ["id", "customer_id", "status", "total", "created_at"];

/** 48 caret positions: `|` marks the caret. */
const CASES: Array<[string, string, Check]> = [
  [
    "alias columns only",
    "SELECT o.| FROM orders o JOIN customers c ON c.id = o.customer_id",
    exactly(ORDERS),
  ],
  [
    "other alias columns only",
    "SELECT c.| FROM orders o JOIN customers c ON c.id = o.customer_id",
    exactly(["id", "name", "email"]),
  ],
  ["alias in WHERE", "SELECT * FROM orders o WHERE o.st|", exactly(ORDERS)],
  ["table name as qualifier", "SELECT orders.| FROM orders", exactly(ORDERS)],
  [
    "schema.table qualifier",
    "SELECT sales.targets.| FROM sales.targets",
    exactly(["region", "quota", "customer_id"]),
  ],
  [
    "select list, FROM after caret",
    "SELECT | FROM orders o JOIN customers c ON true",
    topSet(["o.id", "c.id", "customer_id", "status", "total", "created_at", "name", "email"]),
  ],
  ["aliases offered", "SELECT | FROM orders o JOIN customers c ON true", has("o", "c")],
  ["join condition from FK", "SELECT * FROM orders o JOIN customers c ON |", first("o.customer_id = c.id")],
  [
    "join condition reversed FK",
    "SELECT * FROM customers c JOIN orders o ON |",
    first("o.customer_id = c.id"),
  ],
  [
    "join condition third table",
    "SELECT * FROM orders o JOIN customers c ON o.customer_id = c.id JOIN order_lines l ON |",
    first("l.order_id = o.id"),
  ],
  [
    "join condition across schemas",
    "SELECT * FROM customers c JOIN sales.targets t ON |",
    first("t.customer_id = c.id"),
  ],
  ["after JOIN item", "SELECT * FROM orders o JOIN customers c |", first("ON")],
  [
    "relations after FROM",
    "SELECT * FROM |",
    all(
      has("orders", "customers", "big_orders", "sales.targets"),
      inserts("user", '"user"'),
      inserts("MixedCase", '"MixedCase"'),
    ),
  ],
  ["relations after JOIN", "SELECT * FROM orders o JOIN |", has("customers", "order_lines")],
  ["relations after comma", "SELECT * FROM orders o, |", has("customers")],
  ["schema's relations in FROM", "SELECT * FROM sales.|", exactly(["targets"])],
  ["pg_catalog views", "SELECT * FROM pg_stat_act|", has("pg_stat_activity")],
  [
    "pg_catalog view columns",
    "SELECT a.| FROM pg_stat_activity a",
    has("pid", "state", "query", "backend_start"),
  ],
  ["CTE name first in FROM", "WITH recent AS (SELECT * FROM orders) SELECT * FROM |", first("recent")],
  [
    "CTE columns by select list",
    "WITH recent AS (SELECT id, total AS amount FROM orders) SELECT r.| FROM recent r",
    exactly(["id", "amount"]),
  ],
  [
    "CTE columns by column list",
    "WITH r(a, b) AS (SELECT id, total FROM orders) SELECT | FROM r",
    topSet(["a", "b"]),
  ],
  [
    "CTE star expanded",
    "WITH r AS (SELECT * FROM customers) SELECT r.| FROM r",
    exactly(["id", "name", "email"]),
  ],
  ["CTE used unaliased", "WITH r AS (SELECT id FROM customers) SELECT r.| FROM r", exactly(["id"])],
  [
    "second CTE sees the first",
    "WITH a AS (SELECT id FROM orders), b AS (SELECT * FROM a) SELECT b.| FROM b",
    exactly(["id"]),
  ],
  ["inside a CTE body", "WITH a AS (SELECT x.| FROM orders x) SELECT 1", exactly(ORDERS)],
  [
    "recursive CTE",
    "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE t.| < 5) SELECT * FROM t",
    exactly(["n"]),
  ],
  [
    "subquery columns",
    "SELECT s.| FROM (SELECT o.id, c.name FROM orders o JOIN customers c ON true) s",
    exactly(["id", "name"]),
  ],
  [
    "subquery star with alias",
    "SELECT s.| FROM (SELECT o.*, 1 AS one FROM orders o) s",
    exactly([...ORDERS, "one"]),
  ],
  [
    "subquery column aliases",
    "SELECT s.| FROM (SELECT id, total FROM orders) AS s(k, v)",
    exactly(["k", "v"]),
  ],
  [
    "inside a FROM subquery: own scope only",
    "SELECT * FROM customers c, (SELECT | FROM orders) s",
    all(has("status", "total"), lacks("email", "c.id")),
  ],
  [
    "correlated subquery sees outer",
    "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.|)",
    exactly(["id", "name", "email"]),
  ],
  [
    "correlated subquery outer columns offered",
    "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE |)",
    has("status", "c.email"),
  ],
  [
    "scalar subquery in select",
    "SELECT (SELECT max(l.|) FROM order_lines l) FROM orders",
    exactly(["id", "order_id", "product", "qty"]),
  ],
  [
    "INSERT column list",
    "INSERT INTO orders (id, |) VALUES (1, 2)",
    topSet(["customer_id", "status", "total", "created_at"]),
  ],
  ["INSERT … SELECT source columns", "INSERT INTO archive (id) SELECT o.| FROM orders o", exactly(ORDERS)],
  [
    "INSERT … SELECT select list",
    "INSERT INTO archive SELECT | FROM customers",
    all(has("name", "email"), lacks("created_at")),
  ],
  ["INSERT target relations", "INSERT INTO |", has("orders", "archive")],
  ["INSERT RETURNING", "INSERT INTO orders (id) VALUES (1) RETURNING |", has("status", "total")],
  ["UPDATE SET columns", "UPDATE customers SET | WHERE id = 1", exactly(["id", "name", "email"])],
  [
    "UPDATE … FROM alias",
    "UPDATE orders o SET status = 'x' FROM customers c WHERE c.|",
    exactly(["id", "name", "email"]),
  ],
  [
    "UPDATE … FROM target alias",
    "UPDATE orders o SET status = 'x' FROM customers c WHERE o.| = c.id",
    exactly(ORDERS),
  ],
  [
    "UPDATE SET value sees FROM",
    "UPDATE orders o SET status = c.| FROM customers c",
    exactly(["id", "name", "email"]),
  ],
  ["UPDATE then", "UPDATE orders |", first("SET")],
  [
    "DELETE USING",
    "DELETE FROM order_lines l USING orders o WHERE l.order_id = o.id AND o.|",
    exactly(ORDERS),
  ],
  [
    "quoted reserved table",
    'SELECT u.| FROM "user" u',
    all(exactly(["id", "order", "Name"]), inserts("order", '"order"'), inserts("Name", '"Name"')),
  ],
  [
    "quoted mixed-case table",
    'SELECT m.| FROM "MixedCase" m',
    all(exactly(["Id", "plain"]), inserts("Id", '"Id"')),
  ],
  ["typing a quoted name", 'SELECT * FROM "Mix|', inserts("MixedCase", '"MixedCase"')],
  ["quoted alias qualifier", 'SELECT "U".| FROM "user" AS "U"', exactly(["id", "order", "Name"])],
  [
    "function with signature and doc",
    "SELECT order_to|",
    (r) =>
      expect(r.suggestions.find((s) => s.label === "order_total")).toMatchObject({
        detail: "public.order_total(order_id integer) → numeric",
        documentation: "Sum of an order's lines",
        insertText: "order_total($0)",
      }),
  ],
  [
    "pg_catalog function doc",
    "SELECT lower|",
    (r) => expect(r.suggestions.find((s) => s.label === "lower")?.documentation).toMatch(/lowercase/),
  ],
  ["statement start keywords", "|", first("SELECT")],
  ["ORDER BY keyword", "SELECT * FROM orders ORDER |", exactly(["BY"])],
  ["after operand in WHERE", "SELECT * FROM orders WHERE id = 1 |", first("AND")],
  ["inside a string", "SELECT 'o.|' FROM orders o", none],
  ["inside a comment", "SELECT 1 /* o.| */ FROM orders o", none],
  ["second statement's scope", "SELECT * FROM customers c; SELECT o.| FROM orders o", exactly(ORDERS)],
];

describe.each<Major>([15, 18])("completion against the real catalog of PostgreSQL %i", (major) => {
  let app: TestApp;
  let db: FreshDatabase;
  let catalog: Completions;
  let index: CatalogIndex;

  beforeAll(async () => {
    db = await freshDatabase(major, "qscope");
    await db.pool.query(SCHEMA);
    app = await createTestApp();
    const profileId = (await app.call("profiles:save", { draft: { name: "scope", ...db.connection } })).id;
    catalog = await app.call("query:completions", { profileId });
    index = new CatalogIndex(catalog);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it.each(CASES)("%s: %s", (_name, marked, check) => {
    const offset = marked.indexOf("|");
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const r = completeAt(text, offset, index);
    const sorted = [...r.suggestions].sort((a, b) => a.sortText.localeCompare(b.sortText));
    check({
      ...r,
      labels: r.suggestions.map((s) => s.label),
      top: sorted.map((s) => s.label),
      insert: (label) => r.suggestions.find((s) => s.label === label)?.insertText,
    });
  });

  it("reads the catalog's foreign keys, search path and the server's quoted keywords", () => {
    expect(catalog.searchPath).toEqual(["public"]);
    expect(catalog.foreignKeys).toEqual(
      expect.arrayContaining([
        {
          schema: "public",
          table: "orders",
          columns: ["customer_id"],
          refSchema: "public",
          refTable: "customers",
          refColumns: ["id"],
        },
      ]),
    );
    // the built-in list is PostgreSQL 18's: the same words, except those 18 added
    const server = new Set(catalog.quotedKeywords);
    if (major === 18) expect(server).toEqual(QUOTED_KEYWORDS);
    else for (const w of server) expect(QUOTED_KEYWORDS.has(w)).toBe(true);
  });
});
