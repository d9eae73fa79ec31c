import { describe, expect, it } from "vitest";
import type { IndexReport } from "../../../src/shared/contract/indexes";
import {
  bloatRows,
  evidenceTotals,
  tabCounts,
} from "../../../src/renderer/src/features/indexes/index-tabs.model";
import {
  busiestSeqScanTables,
  compareValues,
  defaultInventorySort,
  indexMethods,
  indexNotes,
  inventoryRows,
  lastScanText,
  nextSort,
  type IndexInfo,
  type TableInfo,
} from "../../../src/renderer/src/features/indexes/inventory.model";
import { isDestructive, statementTone } from "../../../src/renderer/src/features/indexes/sql-actions.model";

describe("generated statements: which ones are shown as destructive", () => {
  it("marks DROP (any case, after blanks) and nothing else", () => {
    expect(isDestructive('DROP INDEX CONCURRENTLY "public"."a_idx";')).toBe(true);
    expect(isDestructive('  drop index "a_idx";')).toBe(true);
    expect(isDestructive('CREATE INDEX CONCURRENTLY "drop_idx" ON "t" ("drop");')).toBe(false);
    expect(isDestructive('REINDEX INDEX CONCURRENTLY "public"."a_idx";')).toBe(false);
    expect(isDestructive("DROPPED")).toBe(false);
    expect([statementTone("DROP INDEX x;"), statementTone("CREATE INDEX x ON t (a);")]).toEqual([
      "danger",
      "primary",
    ]);
  });
});

const index = (over: Partial<IndexInfo>): IndexInfo =>
  ({
    oid: 1,
    schema: "public",
    table: "t",
    name: "i",
    method: "btree",
    definition: "CREATE INDEX i ON t (a)",
    sizeBytes: 0,
    scans: 0,
    tuplesRead: 0,
    lastScanAt: null,
    unique: false,
    includeColumns: [],
    hasExpressions: false,
    valid: true,
    ready: true,
    ...over,
  }) as IndexInfo;

describe("index inventory: search, filter and sort", () => {
  const list = [
    index({ oid: 1, name: "orders_pkey", table: "orders", sizeBytes: 300, scans: 5 }),
    index({
      oid: 2,
      name: "users_email_idx",
      table: "users",
      sizeBytes: 100,
      scans: 9,
      definition: "(lower(email))",
    }),
    index({ oid: 3, name: "docs_gin", table: "docs", method: "gin", sizeBytes: 200, scans: 0 }),
  ];

  it("starts with the biggest indexes first", () => {
    const rows = inventoryRows(list, { search: "", method: "", sort: defaultInventorySort });
    expect(rows.map((i) => i.oid)).toEqual([1, 3, 2]);
  });

  it("searches table, name and definition in any case, and filters by method", () => {
    const by = (search: string, method = "") =>
      inventoryRows(list, { search, method, sort: defaultInventorySort }).map((i) => i.oid);
    expect(by("EMAIL")).toEqual([2]);
    expect(by("public.orders")).toEqual([1]);
    expect(by("lower(")).toEqual([2]);
    expect(by("", "gin")).toEqual([3]);
    expect(by("orders", "gin")).toEqual([]);
    expect(indexMethods(list)).toEqual(["btree", "gin"]);
  });

  it("sorts a new numeric column biggest first, text A-Z, and flips on a second click", () => {
    const scans = nextSort(defaultInventorySort, "scans", true);
    expect(scans).toEqual({ key: "scans", desc: true });
    expect(nextSort(scans, "scans", true)).toEqual({ key: "scans", desc: false });
    expect(nextSort(scans, "name", false)).toEqual({ key: "name", desc: false });
    const rows = inventoryRows(list, { search: "", method: "", sort: { key: "name", desc: false } });
    expect(rows.map((i) => i.name)).toEqual(["docs_gin", "orders_pkey", "users_email_idx"]);
  });

  it("sorts never-scanned indexes (no date) before any date", () => {
    expect(compareValues(null, "2024-01-01")).toBeLessThan(0);
    expect(compareValues("2024-01-01", null)).toBeGreaterThan(0);
    expect(compareValues(null, null)).toBe(0);
    expect(compareValues(2, 10)).toBeLessThan(0); // numbers as numbers, not "10" < "2"
  });

  it("says 'never' for an unscanned index only where the server records last scans (16+)", () => {
    expect(lastScanText(null, 160000)).toBe("never");
    expect(lastScanText(null, 150000)).toBe("—");
    expect(lastScanText("2024-05-01T00:00:00Z", 150000, (iso) => iso.slice(0, 10))).toBe("2024-05-01");
  });

  it("notes constraints, partial and expression indexes, INCLUDE columns and broken builds", () => {
    expect(
      indexNotes(
        index({
          constraint: { type: "unique", name: "u" },
          unique: true,
          predicate: "deleted_at IS NULL",
          hasExpressions: true,
          includeColumns: ["a", "b"],
          valid: false,
          ready: false,
        } as Partial<IndexInfo>),
      ),
    ).toEqual([
      "unique constraint u",
      "partial: WHERE deleted_at IS NULL",
      "expression",
      "INCLUDE a, b",
      "INVALID",
      "not ready",
    ]);
    expect(indexNotes(index({ unique: true }))).toEqual(["unique"]);
  });

  it("lists the 20 tables that read the most rows sequentially", () => {
    const tables = Array.from({ length: 25 }, (_, i) => ({ oid: i, seqTuplesRead: i }) as TableInfo);
    const top = busiestSeqScanTables(tables);
    expect(top).toHaveLength(20);
    expect(top[0]!.seqTuplesRead).toBe(24);
    expect(tables[0]!.seqTuplesRead).toBe(0); // the report is left as it is
  });
});

describe("index tabs", () => {
  const report = {
    indexes: [{}, {}],
    unused: [{}],
    duplicates: [],
    invalid: [],
    missing: { suggestions: [{}, {}, {}] },
    bloat: [
      { flagged: true, bloatBytes: 10 },
      { flagged: false, bloatBytes: 5 },
      { flagged: false, bloatBytes: 0 },
    ],
  } as unknown as IndexReport;

  it("counts what each tab lists, bloat by flagged relations only, nothing before the report", () => {
    expect(tabCounts(report)).toEqual({
      inventory: 2,
      unused: 1,
      duplicates: 0,
      invalid: 0,
      missing: 3,
      bloat: 1,
    });
    expect(Object.values(tabCounts(undefined)).every((n) => n === undefined)).toBe(true);
  });

  it("lists relations with any estimated bloat", () => {
    expect(bloatRows(report)).toHaveLength(2);
  });

  it("sums a suggestion's evidence", () => {
    const s = {
      evidence: [
        { calls: 3, totalTimeMs: 1.5 },
        { calls: 7, totalTimeMs: 2 },
      ],
    } as IndexReport["missing"]["suggestions"][number];
    expect(evidenceTotals(s)).toEqual({ calls: 10, timeMs: 3.5 });
  });
});
