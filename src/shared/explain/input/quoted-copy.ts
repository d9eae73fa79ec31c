import type { SourceLine } from "../text/rejoin";

const undouble = (s: string) => s.replace(/""/g, '"');

/**
 * The ways a grid copy quotes a plan (pgAdmin, DBeaver): the whole text as one quoted
 * field, or each line quoted; inside, quotes are doubled. Returns the variants to try.
 */
export function unquoteCopy(lines: SourceLine[]): SourceLine[][] {
  const out: SourceLine[][] = [];
  const nonEmpty = lines.filter((l) => l.text.trim() !== "");
  const first = nonEmpty[0];
  const last = nonEmpty[nonEmpty.length - 1];
  if (first && last && first.text.trimStart().startsWith('"') && last.text.trimEnd().endsWith('"')) {
    const start = lines.indexOf(first);
    const end = lines.indexOf(last);
    const body = lines.slice(start, end + 1).map((l) => ({ ...l }));
    body[0]!.text = body[0]!.text.trimStart().slice(1);
    body[body.length - 1]!.text = body[body.length - 1]!.text.trimEnd().slice(0, -1);
    if (body.every((l) => !/(^|[^"])"([^"]|$)/.test(l.text.replace(/""/g, ""))))
      out.push(body.map((l) => ({ ...l, text: undouble(l.text) })));
  }
  if (nonEmpty.length > 1 && nonEmpty.every((l) => /^\s*".*"\s*$/.test(l.text)))
    out.push(
      lines.map((l) => ({
        ...l,
        text: l.text.trim() === "" ? l.text : undouble(l.text.trim().slice(1, -1)),
      })),
    );
  return out;
}
