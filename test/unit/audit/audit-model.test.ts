import { describe, expect, it } from "vitest";
import type { AuditMapping } from "../../../src/shared/contract/audit";
import {
  adviceUse,
  auditSources,
  canSaveMapping,
  defaultExportPath,
  filtersFromDraft,
  foreignKeyLinks,
  mappingColumns,
  withFormatExtension,
} from "../../../src/renderer/src/features/audit/audit.model";

const mapping = (table: string, kind: AuditMapping["kind"] = "custom"): AuditMapping =>
  ({ kind, schema: "public", table, columns: { id: "id", time: "at" } }) as AuditMapping;

describe("audit sources", () => {
  it("lists detected tables first, then saved mappings, each table once", () => {
    const detect = {
      detected: [
        { mapping: mapping("audit_logs", "pgdesk") },
        { mapping: mapping("versions", "paper_trail") },
      ],
      saved: [mapping("audit_logs"), mapping("history")],
      tables: [],
    } as never;
    expect(auditSources(detect).map((m) => `${m.table}:${m.kind}`)).toEqual([
      "audit_logs:pgdesk",
      "versions:paper_trail",
      "history:custom",
    ]);
    expect(auditSources(undefined)).toEqual([]);
  });

  it("asks for index advice on entity lookups when filtering by entity, on time ranges otherwise", () => {
    expect(adviceUse({})).toBe("time");
    expect(adviceUse({ actor: "ann" })).toBe("time");
    expect(adviceUse({ entityId: "42" })).toBe("entity");
  });
});

describe("mapping a table by hand", () => {
  it("needs the id and time columns, and sends only the roles given a column", () => {
    expect(canSaveMapping({ id: "id" })).toBe(false);
    expect(canSaveMapping({ id: "id", time: "" })).toBe(false);
    expect(canSaveMapping({ id: "id", time: "at" })).toBe(true);
    expect(mappingColumns({ id: "id", time: "at", actor: "", entity: "table_name" })).toEqual({
      id: "id",
      time: "at",
      entity: "table_name",
    });
  });
});

describe("audit filters", () => {
  it("drops blank boxes, trims text and reads the date boxes as local time", () => {
    const from = "2024-03-01T10:00";
    expect(filtersFromDraft({ actor: "  ann ", action: "   ", from })).toEqual({
      actor: "ann",
      from: new Date(from).toISOString(),
    });
    expect(filtersFromDraft({})).toEqual({});
  });
});

describe("links between timelines", () => {
  it("turns userId and order_item_id fields into links to User and OrderItem", () => {
    expect(foreignKeyLinks({ userId: 7, order_item_id: "a1", id: 3, name: "x", parentId: null })).toEqual([
      { key: "userId", entity: "User", id: "7" },
      { key: "order_item_id", entity: "OrderItem", id: "a1" },
    ]);
    expect(foreignKeyLinks(null)).toEqual([]);
    expect(foreignKeyLinks("userId")).toEqual([]);
  });
});

describe("exporting events", () => {
  it("suggests a safe file name under /tmp and renames its extension with the format", () => {
    expect(defaultExportPath("Order 42/../x")).toBe("/tmp/Order_42_.._x.csv");
    expect(withFormatExtension("/tmp/a.csv", "json")).toBe("/tmp/a.json");
    expect(withFormatExtension("/tmp/a.json", "csv")).toBe("/tmp/a.csv");
    expect(withFormatExtension("/tmp/a.txt", "json")).toBe("/tmp/a.txt");
  });
});
