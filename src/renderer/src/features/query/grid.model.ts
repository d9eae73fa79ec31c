import type { GridSort } from "../../../../shared/query/grid-view";

export interface Cell {
  /** Position in the grid's current order (not the row's number in the result). */
  row: number;
  col: number;
}

/**
 * The filter and sort the grid applies, and how many rows were loaded when they were
 * applied: rows streamed in later are not reordered under the user's eyes.
 */
export interface AppliedView {
  filter: string;
  sort: GridSort | undefined;
  count: number;
}

export const noView: AppliedView = { filter: "", sort: undefined, count: 0 };

/** A header click cycles its column: ascending, descending, then the order rows arrived in. */
export function nextGridSort(sort: GridSort | undefined, col: number): GridSort | undefined {
  if (sort?.col !== col) return { col, desc: false };
  return sort.desc ? undefined : { col, desc: true };
}

/** Wide enough for the longer of name and type, within 90–320 px. */
export function columnWidth(name: string, typeName: string): number {
  return Math.max(90, Math.min(320, Math.max(name.length, typeName.length) * 8 + 32));
}

const MOVES: Record<string, [number, number]> = {
  ArrowDown: [1, 0],
  ArrowUp: [-1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The cell an arrow key moves to, kept inside the grid; undefined for any other key. */
export function movedCell(cell: Cell, key: string, rows: number, cols: number): Cell | undefined {
  const move = MOVES[key];
  if (!move) return undefined;
  return {
    row: Math.max(0, Math.min(rows - 1, cell.row + move[0])),
    col: Math.max(0, Math.min(cols - 1, cell.col + move[1])),
  };
}
