import { isAscii } from "node:buffer";
import type { PackedBatch } from "../../../shared/contract/query";

/**
 * Packs DataRow messages straight from the wire into a PackedBatch (column-major text +
 * lengths, as packRows makes from strings) without a JS string per cell: each field's
 * bytes are copied into its column's buffer and the column decoded once per batch.
 * A column of plain ASCII bytes (numbers, dates, hashes: most columns) decodes to as many
 * characters as bytes. A column with any other byte in the batch is decoded field by field
 * as pg does, so every cell is exactly pg's text even for bytes that are not valid UTF-8
 * (SQL_ASCII databases, SET client_encoding).
 */
export class RawRowPacker {
  private columns: Buffer[] = [];
  private used: number[] = [];
  /** Row-major per cell: byte length, or -1 for NULL. */
  private bytes: number[] = [];
  private columnCount = -1;
  rowCount = 0;
  /** A DataRow that could not be packed (malformed): the statement fails with it. */
  error: Error | undefined;

  /** One DataRow message body (after its type byte and length): int16 count, then (int32 length, bytes)*. */
  addRow(buf: Buffer, start: number): void {
    const n = (buf[start]! << 8) | buf[start + 1]!;
    if (this.columnCount < 0) this.setColumnCount(n);
    else if (n !== this.columnCount)
      throw new Error(`DataRow with ${n} fields in a result of ${this.columnCount} columns`);
    let p = start + 2;
    const bytes = this.bytes;
    for (let c = 0; c < n; c++) {
      const len = buf.readInt32BE(p);
      p += 4;
      if (len < 0) {
        bytes.push(-1);
        continue;
      }
      const at = this.used[c]!;
      let dst = this.columns[c]!;
      if (at + len > dst.length) dst = this.grow(c, at + len);
      // short values by hand: a call into C++ per field cost more than the copy
      if (len <= 32) {
        for (let i = 0; i < len; i++) dst[at + i] = buf[p + i]!;
      } else {
        buf.copy(dst, at, p, p + len);
      }
      this.used[c] = at + len;
      bytes.push(len);
      p += len;
    }
    this.rowCount++;
  }

  /** The first `limit` rows as a batch (the rest dropped), and a fresh start for the next batch. */
  take(limit: number, columnCount: number): PackedBatch {
    const rows = Math.min(limit, this.rowCount);
    const cc = this.columnCount < 0 ? columnCount : this.columnCount;
    if (rows === 0) {
      this.reset();
      return { rowCount: 0, columnCount: cc, text: "", lengths: [] };
    }
    const lengths = new Array<number>(rows * cc);
    let text = "";
    for (let c = 0; c < cc; c++) {
      let byteEnd = 0;
      for (let r = 0; r < rows; r++) {
        const len = this.bytes[r * cc + c]!;
        lengths[c * rows + r] = len;
        if (len > 0) byteEnd += len;
      }
      const col = this.columns[c]!;
      // ASCII: latin1 makes the same characters as UTF-8, into a cheaper one-byte string
      text += isAscii(col.subarray(0, byteEnd))
        ? col.toString("latin1", 0, byteEnd)
        : this.decodeFieldByField(c, rows, cc, lengths);
    }
    this.reset();
    return { rowCount: rows, columnCount: cc, text, lengths };
  }

  private decodeFieldByField(c: number, rows: number, cc: number, lengths: number[]): string {
    const buf = this.columns[c]!;
    let at = 0;
    let text = "";
    for (let r = 0; r < rows; r++) {
      const len = this.bytes[r * cc + c]!;
      if (len < 0) {
        lengths[c * rows + r] = -1;
        continue;
      }
      const v = buf.toString("utf8", at, at + len);
      at += len;
      lengths[c * rows + r] = v.length;
      text += v;
    }
    return text;
  }

  private setColumnCount(n: number): void {
    this.columnCount = n;
    while (this.columns.length < n) {
      this.columns.push(Buffer.allocUnsafe(16 * 1024));
      this.used.push(0);
    }
  }

  private grow(c: number, need: number): Buffer {
    let size = this.columns[c]!.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.columns[c]!.copy(next, 0, 0, this.used[c]!);
    this.columns[c] = next;
    return next;
  }

  private reset(): void {
    this.rowCount = 0;
    this.bytes = [];
    for (let c = 0; c < this.used.length; c++) this.used[c] = 0;
  }
}
