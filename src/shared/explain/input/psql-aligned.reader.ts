import type { SourceLine } from "../text/rejoin";
import { doc, FOOTER, rowsEnd, type PlanDocument, type Taken } from "./document";
import { gridValues, type GridRow } from "./psql-grid";

const LABEL = "QUERY PLAN";
const HEADER = /^\s*QUERY PLAN\s*$/;
const HEADER_2 = /^\|\s*QUERY PLAN\s*\|$/;
const RULE = /^-+$/;
const RULE_2 = /^\+-+\+$/;
const RECORD = /^(?:\* \S+ \d+|-\[ \S+ \d+ \]-*|\+-\[ \S+ \d+ \]-*\+)\s*$/;
const RECORD_SEP_1 = /^-+\+-+$/;
const RECORD_SEP_2 = /^\+-+\+-+\+$/;

const text = (lines: SourceLine[], i: number) => lines[i]?.text.trimEnd() ?? "";

function document(rows: GridRow[], origin: string): PlanDocument {
  const notes: string[] = [];
  const lines = gridValues(rows, notes).flat();
  return { ...doc(lines, origin, lines[0]?.no ?? 0, lines[lines.length - 1]?.no ?? 0), notes };
}

/**
 * psql's aligned and wrapped formats of one QUERY PLAN column, borders 0–2, with or
 * without the header and footer, expanded or not. Lines a terminal wrapped are joined
 * back first where the border shows it (a border-2 row must end with "|").
 */
export function readAlignedTable(lines: SourceLine[], i: number): Taken | null {
  const l = text(lines, i);
  if (RULE_2.test(l) && HEADER_2.test(text(lines, i + 1)) && RULE_2.test(text(lines, i + 2)))
    return border2Rows(lines, i + 3, "psql table (aligned, border 2)");
  if (HEADER.test(l) && RULE.test(text(lines, i + 1))) return border01Rows(lines, i + 2);
  if (RECORD.test(l)) return expanded(lines, i);
  if (l.startsWith(`${LABEL} | `) || l.startsWith(`| ${LABEL} | `) || /^QUERY PLAN [^|]/.test(l))
    return expanded(lines, i);
  if (/^\|[ .].*[ .+]\|$/.test(l) && !HEADER_2.test(l))
    return border2Rows(lines, i, "psql table (aligned, border 2, no header)");
  return null;
}

function border2Rows(lines: SourceLine[], start: number, origin: string): Taken | null {
  const rows: GridRow[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    let l = text(lines, i);
    if (!l.startsWith("|")) break;
    // a terminal cut the row: the rest is on the next line
    while (!l.endsWith("|") && i + 1 < lines.length && !text(lines, i + 1).startsWith("|"))
      l += text(lines, ++i);
    if (!l.endsWith("|") || l.length < 4) break;
    const inner = l.slice(1, -1);
    rows.push({ lm: inner[0]!, body: inner.slice(1), no: lines[i]!.no, alwaysMarked: true, starts: true });
  }
  if (rows.length === 0) return null;
  if (RULE_2.test(text(lines, i))) i++;
  if (FOOTER.test(text(lines, i).trim())) i++;
  return { documents: [document(rows, origin)], end: i };
}

function border01Rows(lines: SourceLine[], start: number): Taken | null {
  const end = rowsEnd(lines, start);
  const physical = lines.slice(start, end);
  const border1 = physical.length > 0 && physical.every((l) => l.text === "" || /^[ .]/.test(l.text));
  const rows: GridRow[] = [];
  for (const l of physical) {
    const t = l.text.trimEnd();
    if (border1 && t !== "" && !/^[ .]/.test(t) && rows.length > 0) {
      rows[rows.length - 1]!.body += t;
      continue;
    }
    rows.push(
      border1
        ? { lm: t[0] ?? " ", body: t.slice(1), no: l.no, alwaysMarked: false, starts: true }
        : { lm: null, body: t, no: l.no, alwaysMarked: false, starts: true },
    );
  }
  let i = end;
  if (FOOTER.test(text(lines, i).trim())) i++;
  const origin = `psql table (aligned, border ${border1 ? 1 : 0})`;
  return { documents: [document(rows, origin)], end: i };
}

/**
 * Expanded display: one record per plan line ("-[ RECORD 3 ]---" then "QUERY PLAN | …"),
 * a record's further lines (a JSON value, a wrapped line) under a blank label.
 */
function expanded(lines: SourceLine[], start: number): Taken | null {
  const rows: GridRow[] = [];
  let border: 0 | 1 | 2 | null = null;
  let i = start;
  for (; i < lines.length; i++) {
    const raw = lines[i]!.text.trimEnd();
    if (RECORD.test(raw) || RECORD_SEP_1.test(raw) || RECORD_SEP_2.test(raw)) continue;
    if (raw.trim() === "") {
      // border 0 without headers separates records by a blank (padded) line
      if (border === 0 && lines[i + 1]?.text.startsWith(`${LABEL} `)) continue;
      break;
    }
    const row = expandedRow(raw, lines[i]!.no, border);
    if (!row) break;
    border = row.border;
    rows.push(row.row);
  }
  if (rows.length === 0) return null;
  const origin = `psql table (aligned, border ${border}, expanded)`;
  return { documents: [document(rows, origin)], end: i };
}

function expandedRow(
  raw: string,
  no: number,
  known: 0 | 1 | 2 | null,
): { row: GridRow; border: 0 | 1 | 2 } | null {
  const pad = " ".repeat(LABEL.length);
  const forms: Array<[0 | 1 | 2, string, string]> = [
    [2, `| ${LABEL} |`, `| ${pad} |`],
    [1, `${LABEL} |`, `${pad} |`],
    [0, LABEL, pad],
  ];
  for (const [border, first, next] of forms) {
    if (known !== null && known !== border) continue;
    const starts = raw.startsWith(first);
    if (!starts && !raw.startsWith(next)) continue;
    let rest = raw.slice(first.length);
    if (border === 2) {
      if (!rest.endsWith("|")) continue;
      rest = rest.slice(0, -1);
    }
    if (rest === "") rest = " ";
    return {
      row: { lm: rest[0]!, body: rest.slice(1), no, alwaysMarked: border === 2, starts },
      border,
    };
  }
  return null;
}
