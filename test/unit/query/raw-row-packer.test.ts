import { describe, expect, it } from "vitest";
import { RawRowPacker } from "../../../src/main/features/query/raw-row.packer";
import { packRows } from "../../../src/main/features/query/row-batch.packer";
import { ResultData } from "../../../src/shared/query/result-data";

/** A DataRow message body as the server sends it: int16 count, then int32 length (-1 NULL) and bytes per field. */
function dataRow(fields: Array<Buffer | null>): Buffer {
  const parts: Buffer[] = [Buffer.from([fields.length >> 8, fields.length & 0xff])];
  for (const f of fields) {
    const len = Buffer.alloc(4);
    len.writeInt32BE(f === null ? -1 : f.length);
    parts.push(len);
    if (f) parts.push(f);
  }
  return Buffer.concat(parts);
}

/** What pg makes of the same fields: one utf8 string per field. */
const asPg = (rows: Array<Array<Buffer | null>>) =>
  rows.map((r) => r.map((f) => (f === null ? null : f.toString("utf8"))));

function pack(rows: Array<Array<Buffer | null>>, limit = rows.length) {
  const packer = new RawRowPacker();
  for (const r of rows) {
    // at an offset inside a larger buffer, as in the parser's buffer
    const body = Buffer.concat([Buffer.from("junk"), dataRow(r)]);
    packer.addRow(body, 4);
  }
  return packer.take(limit, rows[0]?.length ?? 0);
}

const b = (s: string) => Buffer.from(s, "utf8");

describe("packing DataRows from their bytes", () => {
  it("gives the same batch as packing pg's strings: ASCII, NULL, empty, multi-byte, emoji, long values", () => {
    const rows = [
      [b("1"), null, b(""), b("ünïcødé 🐘"), b("x".repeat(100))],
      [b("22"), b("<img src=x>"), null, b("plain"), b("é".repeat(40))],
      [b("333"), b(""), b("z"), null, b("🐘".repeat(20))],
    ];
    expect(pack(rows)).toEqual(packRows(asPg(rows), 5));
  });

  it("decodes bytes that are not UTF-8 exactly as pg does, field by field (no sequence spans two fields)", () => {
    // 0xE9 ends field 1 incomplete; 0x80 0x80 begin field 2: decoded together they would be one character
    const rows = [
      [Buffer.from([0x61, 0xe9]), Buffer.from([0x80, 0x80, 0x62])],
      [Buffer.from([0xc0, 0x80]), Buffer.from([0xf8, 0x41])],
    ];
    const data = new ResultData([]);
    data.columns = [0, 1].map((i) => ({ name: `c${i}`, typeOid: 25, typeName: "text" }));
    data.append(pack(rows));
    expect([data.row(0), data.row(1)]).toEqual(asPg(rows));
  });

  it("keeps only the first rows when a row cap cuts a batch, and starts the next batch empty", () => {
    const packer = new RawRowPacker();
    for (let i = 0; i < 5; i++) packer.addRow(dataRow([b(`r${i}`), b(`é${i}`)]), 0);
    expect(packer.take(2, 2)).toEqual(
      packRows(
        [
          ["r0", "é0"],
          ["r1", "é1"],
        ],
        2,
      ),
    );
    expect(packer.rowCount).toBe(0);
    packer.addRow(dataRow([b("next"), null]), 0);
    expect(packer.take(10, 2)).toEqual(packRows([["next", null]], 2));
  });

  it("refuses a row whose field count differs from the result's (the tap turns this into the statement's error)", () => {
    const packer = new RawRowPacker();
    packer.addRow(dataRow([b("a"), b("b")]), 0);
    expect(() => packer.addRow(dataRow([b("a")]), 0)).toThrow(
      "DataRow with 1 fields in a result of 2 columns",
    );
  });

  it("packs a batch without rows", () => {
    expect(new RawRowPacker().take(10, 3)).toEqual({ rowCount: 0, columnCount: 3, text: "", lengths: [] });
  });
});
