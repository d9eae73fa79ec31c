import { describe, expect, it } from "vitest";
import type { FolderComparison } from "../../../src/shared/contract/migrations";
import type {
  ColumnInfo,
  ConstraintInfo,
  RelationInfo,
  SchemaModel,
} from "../../../src/shared/contract/schema";
import {
  filterLabel,
  nextRowSort,
  rowEstimateText,
  sortMarker,
  takesValue,
} from "../../../src/renderer/src/features/schema/data/data-panel.model";
import {
  columnRow,
  constraintRow,
  objectSheet,
  relationFacts,
} from "../../../src/renderer/src/features/schema/details.model";
import { buildErGraph } from "../../../src/renderer/src/features/schema/er/er-graph";
import {
  erSchemaNames,
  findTable,
  hopsValue,
  initialErSchemas,
  shownGraph,
} from "../../../src/renderer/src/features/schema/er/er-view.model";
import {
  checksumStates,
  notYetApplied,
  statusLabel,
} from "../../../src/renderer/src/features/schema/migrations/migrations.model";
import {
  canBrowseData,
  isTabDisabled,
  SCHEMA_TABS,
} from "../../../src/renderer/src/features/schema/schema-tabs.model";
import { schemaModel } from "./schema-model.fixture";

const relation = (schema: string, name: string, kind: RelationInfo["kind"] = "table"): RelationInfo =>
  ({ oid: 1, schema, name, kind, owner: "o", rowEstimate: null, columns: [] }) as unknown as RelationInfo;

const model = (relations: RelationInfo[], over: Partial<SchemaModel> = {}): SchemaModel =>
  schemaModel({ relations, ...over });

describe("details of an object", () => {
  it("shows a relation's facts, 'not analyzed' for a missing estimate, RLS only when on", () => {
    const facts = Object.fromEntries(
      relationFacts({ ...relation("public", "t"), rlsEnabled: true, rlsForced: true }),
    );
    expect(facts["Rows (estimate)"]).toBe("not analyzed");
    expect(facts["Row level security"]).toBe("enabled, forced");
    expect(Object.fromEntries(relationFacts(relation("public", "t")))["Row level security"]).toBeUndefined();
  });

  it("describes where a column's value comes from: identity, generated, or default", () => {
    const col = (over: Partial<ColumnInfo>) =>
      columnRow({ name: "c", type: "integer", ...over } as ColumnInfo);
    expect(col({ identity: "a" })[3]).toBe("identity (always)");
    expect(col({ identity: "d", default: "x" })[3]).toBe("identity (by default)");
    expect(col({ generated: { expr: "a + b" } } as Partial<ColumnInfo>)[3]).toBe("generated: a + b");
    expect(col({ default: "now()", notNull: true, collation: "C" })).toEqual([
      "c",
      "integer COLLATE C",
      "not null",
      "now()",
      "",
    ]);
  });

  it("spells out constraint types and foreign key actions", () => {
    const fk = {
      name: "o_fk",
      type: "f",
      notValid: true,
      definition: "FOREIGN KEY (a) REFERENCES b(id)",
      references: { onUpdate: "a", onDelete: "c" },
    } as unknown as ConstraintInfo;
    expect(constraintRow(fk)).toEqual([
      "o_fk",
      "foreign key (not valid)",
      "FOREIGN KEY (a) REFERENCES b(id)  [on update no action, on delete cascade]",
    ]);
  });

  it("gives sequences, enums and schemas their own facts, and nothing for an unknown object", () => {
    const m = model([relation("app", "t"), relation("app", "u"), relation("other", "v")], {
      schemas: [{ name: "app", owner: "o" }],
      enums: [{ schema: "app", name: "mood", labels: ["sad", "ok"], owner: "o" }],
    } as Partial<SchemaModel>);
    expect(objectSheet(m, { kind: "schema", schema: "", name: "app" })).toEqual({
      title: "app",
      facts: [
        ["Owner", "o"],
        ["Comment", undefined],
        ["Relations", "2"],
      ],
    });
    expect(objectSheet(m, { kind: "enum", schema: "app", name: "mood" })?.facts[0]).toEqual([
      "Enum labels",
      "sad, ok",
    ]);
    expect(objectSheet(m, { kind: "sequence", schema: "app", name: "nope" })).toBeNull();
    expect(objectSheet(m, { kind: "function", schema: "app", name: "f", oid: 9 })).toBeNull();
  });
});

describe("schema tabs", () => {
  const tab = (id: string) => SCHEMA_TABS.find((t) => t.id === id)!;
  it("enables object tabs with a selection, and Data only for relations whose rows can be read", () => {
    expect(isTabDisabled(tab("details"), undefined)).toBe(true);
    expect(isTabDisabled(tab("er"), undefined)).toBe(false);
    expect(isTabDisabled(tab("data"), { kind: "view", schema: "s", name: "v" })).toBe(true);
    expect(isTabDisabled(tab("data"), { kind: "matview", schema: "s", name: "m" })).toBe(false);
    expect(canBrowseData({ kind: "function", schema: "s", name: "f" })).toBe(false);
  });
});

describe("table data", () => {
  it("cycles a header's sort: ascending, descending, key order", () => {
    const asc = nextRowSort(undefined, "a");
    expect(asc).toEqual({ column: "a", direction: "asc" });
    const desc = nextRowSort(asc, "a");
    expect(desc).toEqual({ column: "a", direction: "desc" });
    expect(nextRowSort(desc, "a")).toBeUndefined();
    expect(nextRowSort(desc, "b")).toEqual({ column: "b", direction: "asc" });
    expect([sortMarker(asc, "a"), sortMarker(desc, "a"), sortMarker(desc, "b")]).toEqual([" ▲", " ▼", ""]);
  });

  it("compares with a value except for IS NULL / IS NOT NULL", () => {
    expect([takesValue("="), takesValue("contains"), takesValue("isNull"), takesValue("notNull")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(filterLabel({ column: "deleted_at", op: "isNull" })).toBe("deleted_at isNull ");
  });

  it("says when a table was never analyzed instead of showing an estimate", () => {
    expect(rowEstimateText(null)).toBe("not analyzed");
    expect(rowEstimateText(undefined)).toBe("not analyzed");
    expect(rowEstimateText(0)).toBe("~0 rows (estimate)");
  });
});

describe("ER diagram scope", () => {
  const m = model([
    relation("public", "a"),
    relation("public", "b"),
    relation("crm", "c"),
    relation("reports", "v", "view"),
  ]);

  it("offers schemas that hold tables, and opens on public", () => {
    expect(erSchemaNames(m)).toEqual(["crm", "public"]);
    expect([...initialErSchemas(["crm", "public"])]).toEqual(["public"]);
    expect([...initialErSchemas(["crm", "sales"])]).toEqual(["crm"]);
    expect([...initialErSchemas([])]).toEqual([]);
  });

  it("draws a known focused table with its neighbours, else the chosen schemas, and refuses too many", () => {
    const inPublic = buildErGraph(m, { schemas: new Set(["public"]) });
    expect(shownGraph(m, inPublic, { table: "crm.c", hops: 1 })?.nodes.map((n) => n.id)).toEqual(["crm.c"]);
    expect(shownGraph(m, inPublic, { table: "crm.nope", hops: 1 })).toBe(inPublic);
    const many = model(Array.from({ length: 501 }, (_, i) => relation("public", `t${i}`)));
    expect(shownGraph(many, buildErGraph(many, {}), { table: undefined, hops: 1 })).toBeUndefined();
  });

  it("finds a table by exact name first, then by part of it", () => {
    const nodes = [{ id: "public.order_items" }, { id: "public.orders" }];
    expect(findTable(nodes, "PUBLIC.ORDERS")?.id).toBe("public.orders");
    expect(findTable(nodes, "order")?.id).toBe("public.order_items");
    expect(findTable(nodes, "nope")).toBeUndefined();
    expect([hopsValue("3"), hopsValue("0"), hopsValue("")]).toEqual([3, 1, 1]);
  });
});

describe("migrations", () => {
  const comparison: FolderComparison = {
    folder: "/m",
    entries: [
      { name: "1_init", fileChecksum: "a", dbChecksum: "a", state: "match" },
      { name: "2_users", fileChecksum: "b", dbChecksum: "x", state: "mismatch" },
      { name: "3_next", fileChecksum: "c", dbChecksum: null, state: "onlyInFolder" },
      { name: "4_later", fileChecksum: "d", dbChecksum: null, state: "onlyInFolder" },
    ],
  };

  it("tells each migration's checksum state and which folder migrations were never applied", () => {
    expect(checksumStates(comparison).get("2_users")).toBe("mismatch");
    expect(checksumStates(undefined).size).toBe(0);
    expect(notYetApplied(comparison)).toEqual(["3_next", "4_later"]);
    expect(notYetApplied(undefined)).toEqual([]);
    expect([statusLabel("rolledBack"), statusLabel("failed")]).toEqual(["rolled back", "failed"]);
  });
});
