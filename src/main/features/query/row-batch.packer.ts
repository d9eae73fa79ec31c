import type { PackedBatch } from "../../../shared/contract/query";

/**
 * Packs rows of raw server text (arrays, `null` for NULL) column by column into one
 * string plus lengths: cheap to send (one JSON string instead of a million small ones)
 * and cheap to decode into columnar arrays in the renderer. Concatenation builds a
 * rope that V8 flattens once, which measured faster than collecting parts and join().
 */
export function packRows(
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
  columnCount: number,
): PackedBatch {
  const rowCount = rows.length;
  const lengths = new Array<number>(rowCount * columnCount);
  let text = "";
  let k = 0;
  for (let c = 0; c < columnCount; c++) {
    for (let r = 0; r < rowCount; r++) {
      const v = rows[r]![c];
      if (v === null || v === undefined) {
        lengths[k++] = -1;
      } else {
        lengths[k++] = v.length;
        text += v;
      }
    }
  }
  return { rowCount, columnCount, text, lengths };
}
