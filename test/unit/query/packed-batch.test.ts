import { describe, expect, it } from "vitest";
import { packRows } from "../../../src/main/features/query/row-batch.packer";
import { ResultData } from "../../../src/shared/query/result-data";

const col = (name: string) => ({ name, typeOid: 25, typeName: "text" });

describe("packed row batches", () => {
  it("round-trips values, NULL and the empty string through pack and decode", () => {
    const rows = [
      ["1", null, "", "ünïcødé 🐘"],
      ["2", "x", null, "<img src=x onerror=alert(1)>"],
    ];
    const data = new ResultData([col("a"), col("b"), col("c"), col("d")]);
    data.append(packRows(rows, 4));
    expect(data.rowCount).toBe(2);
    expect(data.row(0)).toEqual(rows[0]);
    expect(data.row(1)).toEqual(rows[1]);
    expect(data.isNull(0, 1)).toBe(true);
    expect(data.isNull(0, 2)).toBe(false);
    expect(data.column(3)).toEqual(["ünïcødé 🐘", "<img src=x onerror=alert(1)>"]);
  });

  it("finds rows across batches of different sizes", () => {
    const data = new ResultData([col("n")]);
    let next = 0;
    for (const size of [1000, 1000, 7, 1, 500]) {
      data.append(
        packRows(
          Array.from({ length: size }, () => [String(next++)]),
          1,
        ),
      );
    }
    expect(data.rowCount).toBe(2508);
    for (const r of [0, 999, 1000, 1999, 2000, 2006, 2007, 2008, 2507])
      expect(data.get(r, 0)).toBe(String(r));
    expect(data.get(2508, 0)).toBeNull();
  });

  it("packs an empty batch of a result with columns", () => {
    const data = new ResultData([col("a")]);
    data.append(packRows([], 1));
    expect(data.rowCount).toBe(0);
  });
});
