import { describe, expect, it } from "vitest";
import { parseStatements } from "../../../src/main/db/sql-parser";
import { statementScopes } from "../../../src/main/features/indexes/statement-access";

async function scopes(sql: string) {
  const [stmt] = await parseStatements(sql);
  return statementScopes(stmt!.tree);
}

describe("reading filter and sort columns from a statement", () => {
  it("keeps AND-ed comparisons with values, IN, BETWEEN, IS NULL and ORDER BY", async () => {
    const [s] = await scopes(
      "SELECT * FROM public.orders o WHERE o.customer_id = $1 AND status IN ($2, $3) AND created_at BETWEEN $4 AND $5 AND deleted_at IS NULL ORDER BY o.created_at DESC LIMIT $6",
    );
    expect(s!.relations).toEqual([{ schema: "public", name: "orders", alias: "o" }]);
    expect(s!.predicates).toEqual([
      { qualifier: "o", column: "customer_id", op: "eq" },
      { column: "status", op: "eq" },
      { column: "created_at", op: "range" },
      { column: "deleted_at", op: "null" },
    ]);
    expect(s!.orderBy).toEqual([{ qualifier: "o", column: "created_at" }]);
  });

  it("leaves out OR branches, joins between columns and correlated values", async () => {
    const [s] = await scopes(
      "SELECT * FROM a JOIN b ON b.a_id = a.id WHERE (a.x = 1 OR a.y = 2) AND b.z > a.w AND $1 < a.v",
    );
    expect(s!.relations.map((r) => r.name)).toEqual(["a", "b"]);
    expect(s!.predicates).toEqual([{ qualifier: "a", column: "v", op: "range" }]);
  });

  it("tells trigram LIKE from prefix LIKE, and reads full-text @@", async () => {
    const [s] = await scopes(
      "SELECT 1 FROM docs WHERE title LIKE '%db%' AND code LIKE 'AB%' AND name ILIKE $1 AND to_tsvector('english', body) @@ plainto_tsquery($2) AND tsv @@ $3",
    );
    expect(s!.predicates).toEqual([
      { column: "title", op: "like-any" },
      { column: "code", op: "like-prefix" },
      { column: "name", op: "like-any" },
      { column: "body", op: "fts", ftsConfig: "english" },
      { column: "tsv", op: "fts" },
    ]);
  });

  it("ignores a column under a cast or function: an index on the column cannot serve it", async () => {
    const [s] = await scopes(
      "SELECT count(*) FROM events WHERE data::text ILIKE '%card_declined%' AND lower(email) = $1",
    );
    expect(s!.predicates).toEqual([]);
  });

  it("reads UPDATE, DELETE, CTEs and subqueries as query levels of their own", async () => {
    expect((await scopes("UPDATE t SET a = 1 WHERE id = $1"))[0]!.predicates).toEqual([
      { column: "id", op: "eq" },
    ]);
    expect((await scopes("DELETE FROM t WHERE created_at < $1"))[0]!.predicates).toEqual([
      { column: "created_at", op: "range" },
    ]);
    const levels = await scopes(
      "WITH r AS (SELECT * FROM t WHERE a = $1) SELECT * FROM r WHERE EXISTS (SELECT 1 FROM u WHERE u.b = $2)",
    );
    expect(levels.map((l) => l.relations.map((r) => r.name).join())).toEqual(["t", "u", "r"]);
  });
});
