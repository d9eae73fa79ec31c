import type { SourceLine } from "../text/rejoin";
import { readCsvRecord } from "./csv";
import { doc, FOOTER, rowsEnd, type Taken } from "./document";

const LABEL = "QUERY PLAN";

/**
 * psql's unaligned and csv formats: a "QUERY PLAN" header line then the values, or
 * (expanded) "QUERY PLAN|value" / "QUERY PLAN,value" records. csv quotes a value holding
 * a comma, a quote or a newline, doubling its quotes.
 */
export function readPlainTable(lines: SourceLine[], i: number): Taken | null {
  const l = lines[i]!.text.trimEnd();
  if (l === LABEL) return headed(lines, i + 1);
  if (l.startsWith(`${LABEL}|`) || l.startsWith(`${LABEL},`))
    return expandedPlain(lines, i, l[LABEL.length]!);
  return null;
}

function headed(lines: SourceLine[], start: number): Taken | null {
  const out: SourceLine[] = [];
  let i = start;
  let csv = false;
  const end = rowsEnd(lines, start);
  while (i < end) {
    const t = lines[i]!.text;
    if (t.startsWith('"')) {
      const rec = readCsvRecord(lines, i);
      if (rec && rec.fields.length === 1) {
        csv = true;
        rec.fields[0]!.split("\n").forEach((text, k) => out.push({ text, no: lines[i]!.no + k }));
        i = rec.end;
        continue;
      }
    }
    out.push({ text: t, no: lines[i]!.no });
    i++;
  }
  if (out.length === 0) return null;
  if (i < lines.length && FOOTER.test(lines[i]!.text.trim())) i++;
  const origin = csv ? "psql table (csv)" : "psql table (unaligned)";
  return { documents: [doc(out, origin, out[0]!.no, out[out.length - 1]!.no)], end: i };
}

function expandedPlain(lines: SourceLine[], start: number, sep: string): Taken | null {
  const out: SourceLine[] = [];
  let i = start;
  const prefix = `${LABEL}${sep}`;
  while (i < lines.length) {
    const t = lines[i]!.text;
    if (t === "" && lines[i + 1]?.text.startsWith(prefix)) {
      i++;
      continue;
    }
    if (!t.startsWith(prefix)) break;
    if (sep === ",") {
      const rec = readCsvRecord(lines, i);
      if (!rec || rec.fields.length !== 2) break;
      rec.fields[1]!.split("\n").forEach((text, k) => out.push({ text, no: lines[i]!.no + k }));
      i = rec.end;
      continue;
    }
    // unaligned: a value's further lines follow as they are, up to the blank line between records
    out.push({ text: t.slice(prefix.length), no: lines[i]!.no });
    i++;
    while (i < lines.length && lines[i]!.text !== "" && !lines[i]!.text.startsWith(prefix)) {
      out.push({ text: lines[i]!.text, no: lines[i]!.no });
      i++;
    }
  }
  if (out.length === 0) return null;
  const origin = sep === "," ? "psql table (csv, expanded)" : "psql table (unaligned, expanded)";
  return { documents: [doc(out, origin, out[0]!.no, out[out.length - 1]!.no)], end: i };
}
