import { describe, expect, it } from "vitest";
import { exportWriter } from "../../../src/main/features/query/result-export.formats";
import { pickAt, selectStatements } from "../../../src/main/features/query/statement-selection";
import { statementToEditorOffset } from "../../../src/main/features/query/statement.runner";

describe("statement offsets", () => {
  it("maps a server position (characters) to the editor offset (UTF-16 units)", () => {
    const editor = "SELECT 1;\nSELECT '🐘🐘', nope";
    const stmt = { text: "SELECT '🐘🐘', nope", start: editor.indexOf("SELECT '") };
    // the server counts 🐘 as one character: "nope" starts at character 14 (1-based)
    const offset = statementToEditorOffset(stmt, 14);
    expect(editor.slice(offset, offset + 4)).toBe("nope");
  });

  it("picks the statement under the caret, else the one before, else the first", () => {
    const s = [
      { start: 5, end: 10 },
      { start: 15, end: 20 },
    ];
    expect(pickAt(s, 7)).toBe(s[0]);
    expect(pickAt(s, 10)).toBe(s[0]);
    expect(pickAt(s, 12)).toBe(s[0]);
    expect(pickAt(s, 25)).toBe(s[1]);
    expect(pickAt(s, 0)).toBe(s[0]);
    expect(pickAt([], 3)).toBeUndefined();
  });

  it("reports a syntax error inside a selection at its place in the whole text", async () => {
    const sql = "SELECT 1;\nSELECT * FRM t;";
    const start = sql.indexOf("SELECT *");
    const err = await selectStatements({
      sql,
      mode: "selection",
      selection: { start, end: sql.length },
    }).catch((e: unknown) => e);
    const position = (err as { extra: { position: number } }).extra.position;
    expect(sql.slice(position - 1, position + 2)).toBe("FRM");
  });
});

describe("export formats", () => {
  it("keeps NULL and the empty string apart in CSV and quotes what needs it", () => {
    const w = exportWriter("csv");
    expect(
      w.header(["a", "b,c"]) +
        w.rows([
          [null, ""],
          ['say "hi"', "line\nbreak"],
        ]),
    ).toBe('a,"b,c"\r\n,""\r\n"say ""hi""","line\nbreak"\r\n');
  });

  it("writes JSON objects of exact text and SQL INSERTs with quoted identifiers", () => {
    const j = exportWriter("json");
    expect(JSON.parse(j.header(["n", "x"]) + j.rows([["1.10", null]]) + j.footer())).toEqual([
      { n: "1.10", x: null },
    ]);
    const s = exportWriter("sql", "public.My Table");
    expect(
      s.header(["id", 'na"me']) +
        s.rows([
          ["1", "O'Brien"],
          ["2", null],
        ]),
    ).toBe(
      `INSERT INTO "public"."My Table" ("id", "na""me") VALUES ('1', 'O''Brien');\nINSERT INTO "public"."My Table" ("id", "na""me") VALUES ('2', NULL);\n`,
    );
  });
});
