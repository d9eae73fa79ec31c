import type { SourceLine } from "../text/rejoin";
import { readCsvRecord } from "./csv";
import { displayWidth } from "./display-width";
import { joinWrapped } from "./psql-grid";

/**
 * psql's csv format quotes a value holding a comma or a quote ("  Filter: (a = ANY (…, …))");
 * without its header the rows land here. A TEXT plan line never starts with a quote, so
 * such a line is a quoted value; JSON, YAML and XML text is left alone.
 */
function unquoteCsvLines(lines: SourceLine[]): SourceLine[] {
  const first = lines.find((l) => l.text.trim() !== "");
  if (!first || /^\s*[[{<]/.test(first.text) || !lines.some((l) => l.text.startsWith('"'))) return lines;
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length;) {
    const rec = lines[i]!.text.startsWith('"') ? readCsvRecord(lines, i) : null;
    // a quoted field closes on the last character of its last line
    if (rec && rec.fields.length === 1 && lines[rec.end - 1]!.text.trimEnd().endsWith('"')) {
      rec.fields[0]!.split("\n").forEach((text, k) => out.push({ text, no: lines[i]!.no + k }));
      i = rec.end;
    } else out.push(lines[i++]!);
  }
  return out;
}

/**
 * Text copied out of a psql table without its header (\pset tuples_only): removes the
 * markers psql still printed — "+" where a value goes on to a new line (a JSON plan),
 * "." where a wrapped line is cut (at the end, and at the start of its continuation
 * with a border) — and joins the cut lines.
 */
/** Node lines whose figures are printed exactly as EXPLAIN prints them (costs with 2 decimals …). */
const STRICT_FIGURES =
  /\(cost=\d+\.\d\d\.\.\d+\.\d\d rows=\d+ width=\d+\)|\(actual (?:time=\d+\.\d{3}\.\.\d+\.\d{3} )?rows=\d+(?:\.\d\d)? loops=\d+\)/g;

/** Whether reading the trailing dots as psql's wrap marks gives at least as many well-formed figures. */
function marksFitFigures(texts: string[], widths: number[], widest: number): boolean {
  const joined = (strip: boolean) => {
    let out = "";
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      const cut = t !== "" && widths[i] === widest;
      out += cut ? (strip ? t.slice(0, -1) : t) : `${t}\n`;
    }
    return out.match(STRICT_FIGURES)?.length ?? 0;
  };
  return joined(true) >= joined(false);
}

export function unwrapLoose(input: SourceLine[]): SourceLine[] {
  const lines = unquoteCsvLines(input);
  const texts = lines.map((l) => l.text.trimEnd());
  const widths = texts.map(displayWidth);
  let widest = 0;
  for (const w of widths) widest = Math.max(widest, w);
  const atWidest = texts.filter((t, i) => t !== "" && widths[i] === widest);
  // psql marks every full-width line: "+" a line break inside the value, "." a wrap
  const pluses = atWidest.filter((t) => t.endsWith("+")).length;
  const marked = atWidest.length > 0 && atWidest.every((t) => /[+.]$/.test(t));
  const plusMarked = marked && pluses >= 2;
  // a terminal's cut ends in "." by chance only (one time in twenty or so); taking psql's
  // marks out must not break a node line's figures that keeping them fits
  const dotMarked = marked && (pluses > 0 || marksFitFigures(texts, widths, widest));
  // with border 1 every line starts in the border column: " ", or "." on a continuation
  const border1 = texts.every((t) => t === "" || /^[ .]/.test(t));
  const out: SourceLine[] = [];
  let joinNext = false;
  for (let i = 0; i < lines.length; i++) {
    let t = texts[i]!;
    const full = t !== "" && widths[i] === widest;
    const mark = full ? t.slice(-1) : "";
    if (joinNext) {
      const prev = out[out.length - 1]!;
      prev.text = joinWrapped(prev.text, border1 && t.startsWith(".") ? t.slice(1) : t).text;
      joinNext = mark === "." && dotMarked;
      if (joinNext) prev.text = prev.text.slice(0, -1);
      else if (mark === "+" && plusMarked) prev.text = prev.text.slice(0, -1).trimEnd();
      continue;
    }
    if (mark === "+" && plusMarked) t = t.slice(0, -1).trimEnd();
    else if (mark === "." && dotMarked) {
      out.push({ text: t.slice(0, -1), no: lines[i]!.no });
      joinNext = true;
      continue;
    }
    // untouched lines keep their trailing spaces: a terminal's cut shows in the line length
    out.push(t === texts[i] ? lines[i]! : { text: t, no: lines[i]!.no });
  }
  return out;
}
