import { joinSql, quoteIdent, quoteLiteral, sql } from "../../db/sql";

export type ExportFormatName = "csv" | "json" | "sql";

/** Turns rows of server text into one of the export formats, piece by piece. */
export interface ExportWriter {
  header(columns: string[]): string;
  rows(rows: Array<Array<string | null>>): string;
  footer(): string;
}

/** RFC 4180; NULL is an empty field, an empty string is "" so the two stay distinct. */
function csvField(v: string | null): string {
  if (v === null) return "";
  if (v === "" || /[",\r\n]/.test(v) || v.trim() !== v) return `"${v.replaceAll('"', '""')}"`;
  return v;
}

export function exportWriter(format: ExportFormatName, tableName = "exported"): ExportWriter {
  let columns: string[] = [];
  let first = true;
  switch (format) {
    case "csv":
      return {
        header: (cols) => `${cols.map(csvField).join(",")}\r\n`,
        rows: (rows) => rows.map((r) => `${r.map(csvField).join(",")}\r\n`).join(""),
        footer: () => "",
      };
    case "json":
      return {
        header: (cols) => {
          columns = cols;
          return "[";
        },
        rows: (rows) =>
          rows
            .map((r) => {
              const obj: Record<string, string | null> = {};
              columns.forEach((c, i) => (obj[c] = r[i] ?? null));
              const s = `${first ? "\n" : ",\n"}${JSON.stringify(obj)}`;
              first = false;
              return s;
            })
            .join(""),
        footer: () => (first ? "]\n" : "\n]\n"),
      };
    case "sql": {
      const target = joinSql(tableName.split(".").map(quoteIdent), sql`.`);
      let colList = sql``;
      const value = (v: string | null) => (v === null ? sql`NULL` : quoteLiteral(v));
      return {
        header: (cols) => {
          colList = joinSql(cols.map(quoteIdent), sql`, `);
          return "";
        },
        rows: (rows) =>
          rows
            .map((r) => sql`INSERT INTO ${target} (${colList}) VALUES (${joinSql(r.map(value), sql`, `)});\n`)
            .join(""),
        footer: () => "",
      };
    }
  }
}
