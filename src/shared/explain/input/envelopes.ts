import type { SourceLine } from "../text/rejoin";
import type { PlanDocument, Reader } from "./document";
import { readAlignedTable } from "./psql-aligned.reader";
import { readAsciidocTable, readHtmlTable, readLatexTable, readTroffTable } from "./psql-markup.reader";
import { readPlainTable } from "./psql-plain.reader";
import { readLogEntry } from "./server-log.reader";

const READERS: Reader[] = [
  readLogEntry,
  readAlignedTable,
  readPlainTable,
  readHtmlTable,
  readAsciidocTable,
  readLatexTable,
  readTroffTable,
];

export interface Envelopes {
  /** In order: what psql tables and log entries held, and the loose text between them. */
  documents: Array<{ document: PlanDocument; loose: boolean }>;
}

/** Splits a paste into the documents psql tables and log entries hold, and the loose text around them. */
export function openEnvelopes(lines: SourceLine[]): Envelopes {
  const documents: Envelopes["documents"] = [];
  let loose: SourceLine[] = [];
  const flush = () => {
    if (loose.some((l) => l.text.trim() !== ""))
      documents.push({
        document: {
          lines: loose,
          origin: "pasted text",
          firstLine: loose[0]!.no,
          lastLine: loose[loose.length - 1]!.no,
          isPlanOutput: false,
        },
        loose: true,
      });
    loose = [];
  };
  for (let i = 0; i < lines.length;) {
    let taken = null;
    for (const read of READERS) {
      taken = read(lines, i);
      if (taken) break;
    }
    if (!taken) {
      loose.push(lines[i]!);
      i++;
      continue;
    }
    flush();
    for (const document of taken.documents) documents.push({ document, loose: false });
    i = Math.max(i + 1, taken.end);
  }
  flush();
  return { documents };
}
