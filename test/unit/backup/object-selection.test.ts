import { describe, expect, it } from "vitest";
import type { DumpableSchema } from "../../../src/shared/contract/backup";
import {
  relationKey,
  schemaKey,
  schemaState,
  toDumpSelection,
  toggleRelation,
  toggleSchema,
} from "../../../src/shared/backup/object-selection";

const schemas: DumpableSchema[] = [
  {
    name: "shop",
    objects: [
      { name: "customer", kind: "table", bytes: 8192 },
      { name: "events", kind: "partitioned", bytes: 0 },
      { name: "events_2025", kind: "partition", bytes: 8192, partitionOf: "events" },
      { name: "events_2026", kind: "partition", bytes: 8192, partitionOf: "events" },
      { name: "order", kind: "table", bytes: 8192 },
      { name: "big_orders", kind: "view", bytes: 0 },
    ],
  },
  {
    name: "public",
    objects: [
      { name: "Mixed Case", kind: "table", bytes: 0 },
      { name: "a.b, c", kind: "table", bytes: 0 },
    ],
  },
  { name: "empty_one", objects: [] },
];

const none = () =>
  new Set(schemas.flatMap((s) => [schemaKey(s.name), ...s.objects.map((o) => relationKey(s.name, o.name))]));

describe("turning ticked schemas and tables into pg_dump switches", () => {
  it("asks for nothing when everything is ticked", () => {
    const sel = toDumpSelection(schemas, new Set());
    expect(sel).toMatchObject({
      includeSchemas: [],
      excludeSchemas: [],
      includeTables: [],
      excludeTables: [],
      summary: "The whole database.",
    });
    expect(sel.blocked).toBeUndefined();
  });

  it("excludes one unticked table and keeps everything else (functions and types included)", () => {
    const sel = toDumpSelection(schemas, toggleRelation(schemas[0]!, "order", new Set()));
    expect(sel.excludeTables).toEqual([{ schema: "shop", name: "order" }]);
    expect(sel.includeTables).toEqual([]);
    expect(sel.summary).toBe("Everything except 1 table.");
    expect(sel.warning).toBeUndefined();
  });

  it("unticks a partitioned table's partitions with it, and ticks them back together", () => {
    const off = toggleRelation(schemas[0]!, "events", new Set());
    expect([...off].sort()).toEqual(
      ["events", "events_2025", "events_2026"].map((n) => relationKey("shop", n)).sort(),
    );
    expect(toggleRelation(schemas[0]!, "events", off).size).toBe(0);
    // a single partition alone is just itself
    expect([...toggleRelation(schemas[0]!, "events_2025", new Set())]).toEqual([
      relationKey("shop", "events_2025"),
    ]);
  });

  it("names only the picked tables when fewer are picked than left out, and warns what --table drops", () => {
    const sel = toDumpSelection(schemas, toggleRelation(schemas[1]!, "a.b, c", none()));
    expect(sel.includeTables).toEqual([{ schema: "public", name: "a.b, c" }]);
    expect(sel.excludeTables).toEqual([]);
    expect(sel.warning).toMatch(/functions, types/);
    expect(sel.summary).toBe("Only 1 table: public.a.b, c.");
  });

  it("excludes a whole unticked schema by name, and an unticked empty schema too", () => {
    const off = toggleSchema(schemas[0]!, new Set());
    expect(schemaState(schemas[0]!, off)).toBe("none");
    const sel = toDumpSelection(schemas, off);
    expect(sel.excludeSchemas).toEqual(["shop"]);
    expect(sel.excludeTables).toEqual([]);
    expect(sel.summary).toBe("Everything except 1 schema: shop.");
    expect(toDumpSelection(schemas, toggleSchema(schemas[2]!, new Set())).excludeSchemas).toEqual([
      "empty_one",
    ]);
  });

  it("includes schemas by name when fewer are ticked than unticked", () => {
    const sel = toDumpSelection(schemas, toggleSchema(schemas[1]!, none()));
    expect(sel.includeSchemas).toEqual(["public"]);
    expect(sel.excludeSchemas).toEqual([]);
    expect(sel.warning).toMatch(/extensions/);
  });

  it("shows a partly ticked schema as such, and ticking it ticks all of it", () => {
    const off = toggleRelation(schemas[0]!, "customer", new Set());
    expect(schemaState(schemas[0]!, off)).toBe("some");
    expect(schemaState(schemas[0]!, toggleSchema(schemas[0]!, off))).toBe("all");
  });

  it("refuses an empty choice and one larger than the request allows, saying why", () => {
    expect(toDumpSelection(schemas, none()).blocked).toMatch(/at least one/);
    const many: DumpableSchema[] = [
      {
        name: "big",
        objects: Array.from({ length: 12_001 }, (_, i) => ({
          name: `t${i}`,
          kind: "table" as const,
          bytes: 0,
        })),
      },
    ];
    const off = new Set(
      many[0]!.objects.filter((_, i) => i % 2 === 0).map((o) => relationKey("big", o.name)),
    );
    const sel = toDumpSelection(many, off);
    expect(sel.blocked).toMatch(/at most 5000/);
  });
});
