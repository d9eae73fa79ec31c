import { describe, expect, it } from "vitest";
import { btreeBloat, tableBloat, widthLookup } from "../../../src/main/features/indexes/bloat-estimate";

const widths = widthLookup([
  { schema: "public", rel: "t", att: "id", null_frac: 0, avg_width: 4 },
  { schema: "public", rel: "t", att: "note", null_frac: 0.5, avg_width: 33 },
]);

describe("statistics-based bloat estimates", () => {
  const index = {
    schema: "public",
    reltuples: 10_000,
    fillfactor: 90,
    statRels: ["t"],
    statAtts: ["id"],
    hasName: false,
  };

  it("expects 29 pages for 10,000 int4 keys at fillfactor 90, as btree_bloat.sql does", () => {
    expect(btreeBloat({ ...index, relpages: 29 }, widths, 8192)).toMatchObject({
      bloatBytes: 0,
      bloatPct: 0,
    });
    expect(btreeBloat({ ...index, relpages: 58 }, widths, 8192)).toMatchObject({
      bloatBytes: 29 * 8192,
      bloatPct: 50,
    });
  });

  it("gives no estimate without statistics or before the first ANALYZE", () => {
    expect(btreeBloat({ ...index, relpages: 58, statAtts: ["missing"] }, widths, 8192)).toBeUndefined();
    expect(btreeBloat({ ...index, relpages: 58, reltuples: -1 }, widths, 8192)).toBeUndefined();
  });

  it("marks a table with unanalyzed columns as not applicable", () => {
    const table = {
      schema: "public",
      table: "t",
      reltuples: 10_000,
      relpages: 200,
      toastPages: 0,
      toastTuples: 0,
      fillfactor: 100,
    };
    expect(tableBloat({ ...table, atts: ["id", "note"], hasName: false }, widths, 8192)?.notApplicable).toBe(
      false,
    );
    expect(
      tableBloat({ ...table, atts: ["id", "note", "other"], hasName: false }, widths, 8192)?.notApplicable,
    ).toBe(true);
  });
});
