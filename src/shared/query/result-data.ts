import type { PackedBatch, ResultColumn } from "../contract/query";

interface DecodedBatch {
  firstRow: number;
  rowCount: number;
  text: string;
  /** Per cell (column-major, like the packed batch): start offset in `text`, and length or -1 for NULL. */
  starts: Int32Array;
  lengths: Int32Array;
}

/**
 * One statement's rows as they arrive: each packed batch is kept as its text plus two
 * typed arrays, so a million rows cost a few bytes per cell and no per-row objects.
 * Cells are cut out of the text only when the grid draws them. Shared so main-side
 * tests and the benchmark decode exactly as the renderer does.
 */
export class ResultData {
  private readonly batches: DecodedBatch[] = [];
  rowCount = 0;

  constructor(public columns: ResultColumn[] = []) {}

  get columnCount(): number {
    return this.columns.length;
  }

  append(batch: PackedBatch): void {
    const n = batch.lengths.length;
    const starts = new Int32Array(n);
    const lengths = new Int32Array(n);
    let at = 0;
    for (let k = 0; k < n; k++) {
      const len = batch.lengths[k]!;
      starts[k] = at;
      lengths[k] = len;
      if (len > 0) at += len;
    }
    this.batches.push({
      firstRow: this.rowCount,
      rowCount: batch.rowCount,
      text: batch.text,
      starts,
      lengths,
    });
    this.rowCount += batch.rowCount;
  }

  /** The exact server text of a cell, or null for SQL NULL. */
  get(row: number, col: number): string | null {
    const b = this.batchOf(row);
    if (!b) return null;
    const k = col * b.rowCount + (row - b.firstRow);
    const len = b.lengths[k]!;
    if (len < 0) return null;
    return b.text.substring(b.starts[k]!, b.starts[k]! + len);
  }

  isNull(row: number, col: number): boolean {
    const b = this.batchOf(row);
    return !b || b.lengths[col * b.rowCount + (row - b.firstRow)]! < 0;
  }

  /** Every loaded value of a column (for sort and filter). */
  column(col: number): Array<string | null> {
    const out = new Array<string | null>(this.rowCount);
    for (const b of this.batches) {
      for (let r = 0; r < b.rowCount; r++) {
        const k = col * b.rowCount + r;
        const len = b.lengths[k]!;
        out[b.firstRow + r] = len < 0 ? null : b.text.substring(b.starts[k]!, b.starts[k]! + len);
      }
    }
    return out;
  }

  row(row: number): Array<string | null> {
    return this.columns.map((_, c) => this.get(row, c));
  }

  private batchOf(row: number): DecodedBatch | undefined {
    const bs = this.batches;
    let lo = 0;
    let hi = bs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = bs[mid]!;
      if (row < b.firstRow) hi = mid - 1;
      else if (row >= b.firstRow + b.rowCount) lo = mid + 1;
      else return b;
    }
    return undefined;
  }
}
