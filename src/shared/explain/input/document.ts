import type { SourceLine } from "../text/rejoin";

/** Text that holds one or more plans, out of whatever wrapped it (a psql table, a log entry, quotes). */
export interface PlanDocument {
  lines: SourceLine[];
  /** How it was found, for the user: "psql table (aligned, border 2)". */
  origin: string;
  firstLine: number;
  lastLine: number;
  /** Known to be EXPLAIN's output (a QUERY PLAN column, an auto_explain entry): a lone node name is a plan. */
  isPlanOutput: boolean;
  /** The statement, when the wrapper carried it (auto_explain's Query Text). */
  queryText?: string;
  /** What the reader had to guess while opening it, for the user. */
  notes?: string[];
}

/** A reader's answer at one position: the documents it took and the index after them. */
export interface Taken {
  documents: PlanDocument[];
  end: number;
}

export type Reader = (lines: SourceLine[], i: number) => Taken | null;

export const FOOTER = /^\(\d+ \S+\)$/;

/**
 * Where a table's rows end: at its "(N rows)" footer, or (footer off) at the blank line
 * after it. An empty row (EXPLAIN prints one between two plans) is a blank line too, so a
 * blank line followed by more rows and then a footer is still inside.
 */
export function rowsEnd(lines: Array<{ text: string }>, start: number): number {
  for (let i = start; i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (FOOTER.test(t)) return i;
    if (t !== "") continue;
    let k = i + 1;
    while (k < lines.length && lines[k]!.text.trim() !== "" && !FOOTER.test(lines[k]!.text.trim())) k++;
    if (k === i + 1 || k >= lines.length || !FOOTER.test(lines[k]!.text.trim())) return i;
    i = k - 1;
  }
  return lines.length;
}

export function doc(lines: SourceLine[], origin: string, first: number, last: number): PlanDocument {
  return { lines, origin, firstLine: first, lastLine: last, isPlanOutput: true };
}
