import type { SourceLine } from "../text/rejoin";
import { doc, FOOTER, type Taken } from "./document";

const HTML_ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return HTML_ENTITIES[e.toLowerCase()] ?? m;
  });
}

const LATEX = /\\(?:textless\{\}|textgreater\{\}|textbackslash\{\}|textbar\{\}|\^\{\}|~\{\}|[#$%&_{}]|\\)/g;
const LATEX_CHARS: Record<string, string> = {
  "\\textless{}": "<",
  "\\textgreater{}": ">",
  "\\textbackslash{}": "\\",
  "\\textbar{}": "|",
  "\\^{}": "^",
  "\\~{}": "~",
  "\\\\": "\n",
};
const decodeLatex = (s: string) => s.replace(LATEX, (m) => LATEX_CHARS[m] ?? m.slice(1));

/** Splits a decoded value into lines numbered from the physical line it started on. */
function valueLines(value: string, no: number, out: SourceLine[]): void {
  value.split("\n").forEach((text, k) => out.push({ text, no: no + k }));
}

function taken(out: SourceLine[], origin: string, end: number): Taken | null {
  if (out.length === 0) return null;
  return { documents: [doc(out, origin, out[0]!.no, out[out.length - 1]!.no)], end };
}

/** psql's html format: the values of <td> cells, entities and <br /> decoded. */
export function readHtmlTable(lines: SourceLine[], i: number): Taken | null {
  if (!/^<table\b/i.test(lines[i]!.text.trim())) return null;
  let end = i + 1;
  while (end < lines.length && !/<\/table>/i.test(lines[end]!.text)) end++;
  if (end >= lines.length) return null;
  const html = lines
    .slice(i, end + 1)
    .map((l) => l.text)
    .join("\n");
  if (!/<th[^>]*>QUERY PLAN<\/th>|<td align/.test(html)) return null;
  const out: SourceLine[] = [];
  let offset = 0;
  for (const m of html.matchAll(/<td align="(?:left|right)">([\s\S]*?)<\/td>/g)) {
    const before = html.slice(offset, m.index).split("\n").length - 1;
    offset = m.index;
    const no = (out.length ? out[out.length - 1]!.no : lines[i]!.no) + before;
    const value = m[1] === "&nbsp; " ? "" : m[1]!.replace(/<br \/>\n/g, "\n");
    valueLines(decodeHtml(value), no, out);
  }
  let next = end + 1;
  if (/^<p>/.test(lines[next]?.text ?? "")) next += 2;
  return taken(out, "psql table (html)", next);
}

/** psql's asciidoc format: "|value" rows between "|====" lines ("<l|QUERY PLAN <l|value" expanded). */
export function readAsciidocTable(lines: SourceLine[], i: number): Taken | null {
  let start = i;
  if (/^\[.*cols=.*\]$/.test(lines[start]!.text)) start++;
  if (lines[start]?.text !== "|====" || start === i) return null;
  const out: SourceLine[] = [];
  let k = start + 1;
  for (; k < lines.length && lines[k]!.text !== "|===="; k++) {
    const t = lines[k]!.text;
    if (/^\^l\|QUERY PLAN$/.test(t) || /^2\+\^?\|/.test(t)) continue;
    const expanded = /^<l\|QUERY PLAN <l\|(.*)$/.exec(t);
    const row = expanded ? expanded[1]! : t.startsWith("|") ? t.slice(1) : null;
    // a multi-line value goes on over lines that do not start a row
    const value = row ?? t;
    out.push({ text: value === " " ? "" : value.replace(/\\\|/g, "|"), no: lines[k]!.no });
  }
  if (k >= lines.length) return null;
  k++;
  if (lines[k]?.text === "" && lines[k + 1]?.text === "....") k += 4;
  return taken(out, "psql table (asciidoc)", k);
}

/** psql's latex and latex-longtable formats: one row per line ending in \\ or \tabularnewline. */
export function readLatexTable(lines: SourceLine[], i: number): Taken | null {
  const begin = /^\\begin\{(tabular|longtable)\}/.exec(lines[i]!.text);
  if (!begin) return null;
  const out: SourceLine[] = [];
  let k = i + 1;
  const endTag = `\\end{${begin[1]}}`;
  for (; k < lines.length && lines[k]!.text !== endTag; k++) {
    const t = lines[k]!.text;
    const row =
      /^\\raggedright\{(.*)\} \\tabularnewline$/.exec(t)?.[1] ??
      /^QUERY PLAN & (.*) \\\\$/.exec(t)?.[1] ??
      (/(?:\\textit\{|\\multicolumn|^\\(?:hline|toprule|midrule|bottomrule|endfirsthead|endhead|endfoot|endlastfoot)$)/.test(
        t,
      )
        ? null
        : /^(.*) \\\\$/.exec(t)?.[1]);
    if (row !== null && row !== undefined) valueLines(decodeLatex(row), lines[k]!.no, out);
  }
  if (k >= lines.length) return null;
  k++;
  if (lines[k]?.text === "") k++;
  if (/^\\noindent/.test(lines[k]?.text ?? "")) k++;
  if (lines[k]?.text === "") k++;
  return taken(out, `psql table (${begin[1] === "longtable" ? "latex-longtable" : "latex"})`, k);
}

/** psql's troff-ms format: rows between .TS and .TE, backslashes written \(rs. */
export function readTroffTable(lines: SourceLine[], i: number): Taken | null {
  let start = i;
  if (lines[start]?.text === ".LP") start++;
  if (lines[start]?.text !== ".TS") return null;
  const out: SourceLine[] = [];
  let k = start + 1;
  for (; k < lines.length && lines[k]!.text !== ".TE"; k++) {
    const t = lines[k]!.text;
    if (/^(?:center(?: box)?;|[lcs| ]+\.|_|\.T&|\\fI.*\\fP)$/.test(t)) continue;
    const value = t.startsWith("QUERY PLAN\t")
      ? t.slice("QUERY PLAN\t".length)
      : t.startsWith("\t")
        ? t.slice(1)
        : t;
    out.push({ text: value.replace(/\\\(rs/g, "\\"), no: lines[k]!.no });
  }
  if (k >= lines.length) return null;
  k++;
  if (lines[k]?.text === ".DS L") {
    while (k < lines.length && lines[k]!.text !== ".DE") k++;
    k++;
  }
  return taken(out, "psql table (troff-ms)", k);
}

export { FOOTER };
