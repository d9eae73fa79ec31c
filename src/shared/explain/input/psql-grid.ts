import type { SourceLine } from "../text/rejoin";
import { displayWidth } from "./display-width";

/**
 * One row of a psql aligned or wrapped table, its frame removed: the left marker slot
 * ("." when the line continues a wrapped one) and the body, which ends in a right marker
 * slot on full-width lines ("+" a newline inside the value, "." wrapped on the next line).
 */
export interface GridRow {
  lm: string | null;
  body: string;
  no: number;
  /** Border 2 keeps a marker slot on every line; borders 0 and 1 only on full-width lines. */
  alwaysMarked: boolean;
  /** Starts a new value (a new row, or a record's first line). */
  starts: boolean;
}

export const paddingNote = (no: number) =>
  `line ${no}: psql pads a wrapped line with a space when a wide character does not fit; ` +
  "that space was dropped (a real space in the same place would look the same)";

/**
 * Joins a wrapped line's next piece. A wide (two-column) character that did not fit the
 * last column moved down, and psql filled that column with a space: it is dropped.
 */
export function joinWrapped(head: string, segment: string): { text: string; padded: boolean } {
  const padded =
    head.endsWith(" ") && segment !== "" && displayWidth(String.fromCodePoint(segment.codePointAt(0)!)) === 2;
  return { text: (padded ? head.slice(0, -1) : head) + segment, padded };
}

/** Rebuilds the values (each a list of lines, with the number of their first physical line). */
export function gridValues(rows: GridRow[], notes: string[] = []): SourceLine[][] {
  let full = 0;
  for (const r of rows) if (!r.alwaysMarked) full = Math.max(full, displayWidth(r.body));
  const unmarked = rows.filter((r) => !r.alwaysMarked);
  const widest = unmarked.filter((r) => displayWidth(r.body) === full);
  const markersShown = widest.length > 0 && widest.every((r) => /[.+]$/.test(r.body));
  const values: SourceLine[][] = [];
  let value: SourceLine[] | null = null;
  let line: SourceLine | null = null;
  let pending: "." | "+" | null = null;
  let prevNo = 0;
  for (const r of rows) {
    const marked = r.alwaysMarked || (markersShown && displayWidth(r.body) === full);
    const marker = marked ? r.body.slice(-1) : " ";
    const segment = marked ? r.body.slice(0, -1) : r.body;
    if (r.starts && pending === null) {
      value = [];
      values.push(value);
      line = null;
    }
    if (pending === "." && line) {
      const joined = joinWrapped(line.text, segment);
      if (joined.padded) notes.push(paddingNote(prevNo));
      line.text = joined.text;
    } else {
      line = { text: segment, no: r.no };
      value!.push(line);
    }
    pending = marker === "." ? "." : marker === "+" ? "+" : null;
    prevNo = r.no;
    if (pending !== ".") line.text = line.text.trimEnd();
  }
  return values;
}
