import { describe, expect, it } from "vitest";
import type { SchemaModel } from "../../../src/shared/contract/schema";
import { buildErGraph } from "../../../src/renderer/src/features/schema/er/er-graph";
import { erToSvg } from "../../../src/renderer/src/features/schema/er/er-svg";
import { buildTreeIndex, visibleRows } from "../../../src/renderer/src/features/schema/tree/tree-rows";
import { schemaModel } from "./schema-model.fixture";

function model(tables: string[], fks: Array<[string, string]>): SchemaModel {
  return schemaModel({
    schemas: [
      { name: "public", owner: "o" },
      { name: "Odd <schema>", owner: "o" },
    ],
    relations: tables.map((t, i) => {
      const [schema, name] = t.includes(".") ? (t.split(".") as [string, string]) : ["public", t];
      return {
        oid: i + 1,
        schema,
        name,
        kind: "table" as const,
        owner: "o",
        rowEstimate: null,
        columns: [
          { name: "id", type: "integer" },
          { name: "ref_id", type: "integer" },
        ],
      };
    }),
    constraints: [
      ...tables.map((t) => ({
        schema: "public",
        table: t,
        name: `${t}_pkey`,
        type: "p" as const,
        columns: ["id"],
        definition: "PRIMARY KEY (id)",
      })),
      ...fks.map(([from, to]) => ({
        schema: "public",
        table: from,
        name: `${from}_${to}_fk`,
        type: "f" as const,
        columns: ["ref_id"],
        definition: "FOREIGN KEY",
        references: { schema: "public", table: to, columns: ["id"], onUpdate: "a", onDelete: "a" },
      })),
    ],
  });
}

describe("schema tree rows", () => {
  const m = model(["users", "orders", "order_items", "Odd <schema>.x"], []);
  const index = buildTreeIndex(m);

  it("shows only expanded levels", () => {
    const rows = visibleRows(index, new Set(["s:public"]), "");
    expect(rows.map((r) => r.label)).toEqual(["public", "Tables", "Odd <schema>"]);
    const open = visibleRows(index, new Set(["s:public", "g:public:tables", "table:public.orders"]), "");
    expect(open.map((r) => r.label)).toEqual([
      "public",
      "Tables",
      "users",
      "orders",
      "id",
      "ref_id",
      "order_items",
      "Odd <schema>",
    ]);
  });

  it("search expands matches and hides schemas without any", () => {
    const rows = visibleRows(index, new Set(), "ORDER");
    expect(rows.map((r) => r.label)).toEqual(["public", "Tables", "orders", "order_items"]);
  });

  it("lists the visible rows of 10,000 tables and finds one by search", () => {
    const big = buildTreeIndex(
      model(
        Array.from({ length: 10_000 }, (_, i) => `t${i}`),
        [],
      ),
    );
    const rows = visibleRows(big, new Set(["s:public", "g:public:tables"]), "");
    expect(rows).toHaveLength(10_003);
    expect(visibleRows(big, new Set(), "t9999").map((r) => r.label)).toEqual(["public", "Tables", "t9999"]);
  });
});

describe("ER graph", () => {
  // a -> b -> c -> d, and a cycle c -> a
  const m = model(
    ["a", "b", "c", "d", "lonely"],
    [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["c", "a"],
    ],
  );

  it("marks keys and draws FK edges", () => {
    const g = buildErGraph(m);
    expect(g.nodes).toHaveLength(5);
    expect(g.edges.map((e) => `${e.source}>${e.target}`)).toEqual([
      "public.a>public.b",
      "public.b>public.c",
      "public.c>public.d",
      "public.c>public.a",
    ]);
    expect(g.nodes[0]!.columns).toEqual([
      { name: "id", type: "integer", pk: true, fk: false },
      { name: "ref_id", type: "integer", pk: false, fk: true },
    ]);
  });

  it("focus mode keeps the table and its neighbours N hops away", () => {
    expect(buildErGraph(m, { focus: "public.d", hops: 1 }).nodes.map((n) => n.name)).toEqual(["c", "d"]);
    expect(buildErGraph(m, { focus: "public.d", hops: 2 }).nodes.map((n) => n.name)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect(buildErGraph(m, { focus: "public.lonely", hops: 3 }).edges).toEqual([]);
  });

  it("filters by schema", () => {
    expect(buildErGraph(m, { schemas: new Set(["Odd <schema>"]) }).nodes).toEqual([]);
  });

  it("exports an SVG with every name escaped", () => {
    const g = buildErGraph(model(["a&b", "Odd <schema>.x"], []));
    const { svg, width } = erToSvg(g, { "public.a&b": { x: 0, y: 0 }, "Odd <schema>.x": { x: 300, y: 0 } });
    expect(svg).toContain("public.a&amp;b");
    expect(svg).toContain("Odd &lt;schema&gt;.x");
    expect(svg).not.toContain("<schema>");
    expect(width).toBe(300 + 240 + 40);
  });
});
