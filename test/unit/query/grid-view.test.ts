import { describe, expect, it } from "vitest";
import { packRows } from "../../../src/main/features/query/row-batch.packer";
import { cellPreview, gridOrder, rowsAsTsv } from "../../../src/shared/query/grid-view";
import { ResultData } from "../../../src/shared/query/result-data";

function data(rows: Array<Array<string | null>>): ResultData {
  const d = new ResultData([
    { name: "n", typeOid: 1700, typeName: "numeric(10,2)" },
    { name: "s", typeOid: 25, typeName: "text" },
  ]);
  d.append(packRows(rows, 2));
  return d;
}

describe("sorting and filtering the loaded rows", () => {
  const d = data([
    ["10", "b"],
    ["9.5", null],
    [null, "a"],
    ["-1", "B"],
  ]);

  it("sorts numeric columns by value, NULLs last, both directions", () => {
    expect(Array.from(gridOrder(d, 4, "", { col: 0, desc: false })!)).toEqual([3, 1, 0, 2]);
    expect(Array.from(gridOrder(d, 4, "", { col: 0, desc: true })!)).toEqual([0, 1, 3, 2]);
  });

  it("sorts text columns by code point, NULLs last", () => {
    expect(Array.from(gridOrder(d, 4, "", { col: 1, desc: false })!)).toEqual([3, 2, 0, 1]);
  });

  it("filters by a substring of any cell, case-insensitively, only among the rows loaded when asked", () => {
    expect(Array.from(gridOrder(d, 4, "b", undefined)!)).toEqual([0, 3]);
    expect(Array.from(gridOrder(d, 2, "b", undefined)!)).toEqual([0]);
    expect(gridOrder(d, 4, "", undefined)).toBeUndefined();
  });

  it("previews one line and copies rows as tab-separated text", () => {
    expect(cellPreview("a\nb\tc")).toBe("a↵b⇥c");
    expect(rowsAsTsv([["1", null, "x\ty"]])).toBe("1\t\tx y");
  });
});
