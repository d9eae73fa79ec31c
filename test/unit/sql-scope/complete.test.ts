import { describe, expect, it } from "vitest";
import { completeAt, quoteIdentIfNeeded, tokenize } from "../../../src/shared/sql-scope";
import { shopCatalog } from "./fixture-catalog";

/** Completes at the `|` of the text. */
function at(marked: string) {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const r = completeAt(text, offset, shopCatalog);
  return {
    ...r,
    labels: r.suggestions.map((s) => s.label),
    sorted: [...r.suggestions].sort((a, b) => a.sortText.localeCompare(b.sortText)),
  };
}

describe("completion that knows the statement", () => {
  it("offers only the aliased table's columns after `o.`", () => {
    const r = at("SELECT o.| FROM orders o JOIN customers c ON c.id = o.customer_id");
    expect(r.context).toBe("qualified");
    expect(r.labels).toEqual(["id", "customer_id", "status", "total"]);
  });

  it("offers a CTE's columns, named by its list or its select", () => {
    expect(
      at("WITH big(oid, amount) AS (SELECT id, total FROM orders) SELECT b.| FROM big b").labels,
    ).toEqual(["oid", "amount"]);
    expect(
      at("WITH big AS (SELECT id, total AS amount FROM orders) SELECT | FROM big").labels.slice(0, 2),
    ).toEqual(["id", "amount"]);
  });

  it("offers a subquery's columns, * expanded", () => {
    expect(at("SELECT s.| FROM (SELECT o.*, 1 AS one FROM orders o) s").labels).toEqual([
      "id",
      "customer_id",
      "status",
      "total",
      "one",
    ]);
  });

  it("puts the tables in FROM first, qualifies a name two of them have", () => {
    const r = at("SELECT | FROM orders o JOIN customers c ON true");
    const first = r.sorted.slice(0, 7).map((s) => s.label);
    expect(first.sort()).toEqual(["c.id", "customer_id", "email", "name", "o.id", "status", "total"]);
    expect(r.labels).not.toContain("id");
  });

  it("offers join conditions from foreign keys", () => {
    const r = at("SELECT * FROM orders o JOIN customers c ON |");
    expect(r.sorted[0]!.label).toBe("o.customer_id = c.id");
    expect(at("SELECT * FROM orders o JOIN order_lines l ON |").sorted[0]!.label).toBe("l.order_id = o.id");
  });

  it("offers relations after FROM, CTEs first, quoting reserved and mixed-case names", () => {
    const r = at("WITH recent AS (SELECT 1) SELECT * FROM |");
    expect(r.context).toBe("relation");
    expect(r.sorted[0]!.label).toBe("recent");
    const insert = Object.fromEntries(r.suggestions.map((s) => [s.label, s.insertText]));
    expect(insert.user).toBe('"user"');
    expect(insert.MixedCase).toBe('"MixedCase"');
    expect(insert["sales.targets"]).toBe("sales.targets");
  });

  it("completes a quoted name being typed", () => {
    const r = at('SELECT * FROM "Mix|');
    expect(r.from).toBe("SELECT * FROM ".length);
    expect(r.suggestions.find((s) => s.label === "MixedCase")).toMatchObject({
      insertText: '"MixedCase"',
      filterText: '"MixedCase"',
    });
  });

  it("offers INSERT columns of the target, UPDATE SET columns, UPDATE … FROM scope", () => {
    expect(
      at("INSERT INTO orders (id, |) SELECT 1")
        .sorted.map((s) => s.label)
        .slice(0, 3),
    ).toEqual(["customer_id", "status", "total"]);
    expect(at("UPDATE customers SET | WHERE id = 1").labels).toEqual(["id", "name", "email"]);
    expect(at("UPDATE orders o SET status = 'x' FROM customers c WHERE c.|").labels).toEqual([
      "id",
      "name",
      "email",
    ]);
  });

  it("knows keywords by position", () => {
    expect(at("|").labels[0]).toBe("SELECT");
    expect(at("SELECT * FROM orders o |").labels).toContain("WHERE");
    expect(at("SELECT * FROM orders o JOIN customers c |").labels[0]).toBe("ON");
    expect(at("SELECT * FROM orders ORDER |").labels).toEqual(["BY"]);
    expect(at("SELECT * FROM orders WHERE id = 1 |").sorted[0]!.label).toBe("AND");
  });

  it("offers nothing inside strings and comments", () => {
    expect(at("SELECT 'o.|' FROM orders o").suggestions).toEqual([]);
    expect(at("SELECT 1 -- o.|").suggestions).toEqual([]);
  });

  it("offers a schema's relations and functions after `schema.`", () => {
    expect(at("SELECT sales.|").labels).toEqual(["targets", "quota"]);
    expect(at("SELECT * FROM sales.|").labels).toEqual(["targets"]);
  });

  it("quotes as quote_ident does", () => {
    expect(quoteIdentIfNeeded("orders")).toBe("orders");
    expect(quoteIdentIfNeeded("user")).toBe('"user"');
    expect(quoteIdentIfNeeded("Orders")).toBe('"Orders"');
    expect(quoteIdentIfNeeded('a"b')).toBe('"a""b"');
    expect(quoteIdentIfNeeded("between")).toBe('"between"');
    expect(quoteIdentIfNeeded("name")).toBe("name");
  });

  it("cuts SQL as the server's scanner does", () => {
    const kinds = tokenize(`SELECT E'a\\'b', $x$ ; $x$, "q""t", /* a /* b */ c */ 1.5e3`).map((t) => t.kind);
    expect(kinds).toEqual([
      "word",
      "string",
      "punct",
      "string",
      "punct",
      "quoted",
      "punct",
      "comment",
      "number",
    ]);
  });
});
