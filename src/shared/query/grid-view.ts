import type { ResultData } from "./result-data";

export interface GridSort {
  col: number;
  desc: boolean;
}

const NUMERIC = new Set(["smallint", "integer", "bigint", "real", "double precision", "oid"]);

function isNumeric(typeName: string): boolean {
  return NUMERIC.has(typeName) || typeName.startsWith("numeric");
}

/**
 * The order in which the grid shows the loaded rows: filtered by a substring in any cell
 * and sorted by one column (NULLs last). Undefined = the rows as they arrived.
 */
export function gridOrder(
  data: ResultData,
  rowCount: number,
  filter: string,
  sort: GridSort | undefined,
): Int32Array | undefined {
  if (!filter && !sort) return undefined;
  let rows: number[] = [];
  if (filter) {
    const needle = filter.toLowerCase();
    const cols = data.columns.map((_, c) => data.column(c));
    for (let r = 0; r < rowCount; r++) {
      if (cols.some((col) => col[r]?.toLowerCase().includes(needle))) rows.push(r);
    }
  } else {
    rows = Array.from({ length: rowCount }, (_, r) => r);
  }
  if (sort) {
    const values = data.column(sort.col);
    const dir = sort.desc ? -1 : 1;
    if (isNumeric(data.columns[sort.col]?.typeName ?? "")) {
      const nums = values.map((v) => (v === null ? NaN : Number(v)));
      rows.sort((a, b) => {
        const x = nums[a]!;
        const y = nums[b]!;
        if (Number.isNaN(x) || Number.isNaN(y))
          return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
        return x === y ? a - b : (x < y ? -1 : 1) * dir;
      });
    } else {
      rows.sort((a, b) => {
        const x = values[a];
        const y = values[b];
        if (x === null || y === null || x === undefined || y === undefined)
          return x === y ? a - b : x === null ? 1 : -1;
        return x === y ? a - b : (x < y ? -1 : 1) * dir;
      });
    }
  }
  return Int32Array.from(rows);
}

/** One line for a grid cell: newlines and tabs shown as symbols, long text cut. */
export function cellPreview(value: string): string {
  const cut = value.length > 300 ? `${value.slice(0, 300)}…` : value;
  return cut.replace(/\r?\n/g, "↵").replace(/\t/g, "⇥");
}

/** Tab-separated text of rows, as spreadsheets paste it; NULL as empty. */
export function rowsAsTsv(rows: Array<Array<string | null>>): string {
  return rows.map((r) => r.map((v) => (v ?? "").replace(/[\t\r\n]/g, " ")).join("\t")).join("\n");
}
