import { applyShape, lineShape, type Frame } from "./line-shape";
import { displayWidth } from "../input/display-width";
import { describeLabel, nodeLineComplete, readNodeLine } from "./node-line";
import { isSummaryLine, summaryComplete } from "./summary";

export interface SourceLine {
  /** The line without its line break (tabs expanded, trailing spaces kept). */
  text: string;
  /** 1-based line number in what the user pasted. */
  no: number;
}

/** One logical plan line: a printed line with the pieces a terminal or chat wrapped off re-joined. */
export interface PlanLine {
  col: number;
  content: string;
  no: number;
  pieces: number;
}

export interface PlanRegion {
  lines: PlanLine[];
  /** Index after the last source line of the plan. */
  end: number;
  /** A "->" line whose column fits no node: the indentation that shapes the tree was lost. */
  misplaced?: SourceLine;
}

/** Lines that end a plan however the plan looked: psql's footer, a prompt, \timing, a rule. */
const TERMINATOR =
  /^(?:\(\d+ \S+\)|[A-Za-z_][\w.$-]*[=\-(*'"][#>](?: |$)|Time: [\d.,]+ ms\b|QUERY PLAN$|-+$|\+-+\+?$)/;

/** A wrapped line is at least this long: shorter lines that look complete are not continued. */
const MIN_WRAPPED = 30;

export function isTerminator(content: string): boolean {
  return content === "" || TERMINATOR.test(content);
}

export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * The width a terminal cut lines at, when the paste shows one: every line that a piece at
 * the margin continues is exactly as long as the longest line (a terminal cuts there; a
 * chat breaks at the last space that fits, so its broken lines vary), and at least three
 * lines have that length, or two with a space at a cut (a chat never leaves one there).
 * Fewer breaks prove nothing: they are read as a chat's.
 */
export function hardWrapWidth(lines: SourceLine[], from: number): number | null {
  let max = 0;
  for (let i = from; i < lines.length; i++) max = Math.max(max, width(lines[i]!.text));
  if (max < 20) return null;
  const atMax = (t: string) => width(t) === max || width(t.trimEnd()) === max;
  let full = 0;
  let spaced = false;
  for (let i = from; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (atMax(t)) {
      full++;
      if (t.endsWith(" ")) spaced = true;
    }
    // a piece at the margin after a shorter line: a chat broke there, not a terminal
    const prev = lines[i - 1]?.text;
    if (i > from && t !== "" && t[0] !== " " && prev !== undefined && prev.trim() !== "" && !atMax(prev)) {
      const c = t.trim();
      if (!isTerminator(c) && !isSummaryLine(c) && !c.startsWith("->")) return null;
    }
  }
  return full >= 3 || (full === 2 && spaced) ? max : null;
}

/** Columns on screen: a terminal cuts by columns, and wide characters take two. */
function width(t: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(t) ? displayWidth(t) : t.length;
}

const FIGURED = /\((?:cost=|actual |never executed\))/;

/** Whether node lines of this plan carry figures, so a node line without them was cut. */
function planHasFigures(source: SourceLine[], start: number): boolean {
  for (let i = start; i < source.length && !isTerminator(source[i]!.text.trim()); i++)
    if (FIGURED.test(source[i]!.text)) return true;
  return false;
}

const isNodeLine = (content: string, isRoot: boolean) => isRoot || content.startsWith("->");

/** A node line cut before its figures ended, or before its name did. */
export function nodeUnfinished(content: string, figured: boolean): boolean {
  const body = content.replace(/^->\s*/, "");
  const parsed = readNodeLine(body);
  if (!parsed || !nodeLineComplete(body)) return true;
  return figured && !parsed.hasFigures;
}

/**
 * Collects the plan that starts at `start` (its root line), re-joining lines a terminal
 * (cut at a fixed width) or a chat (cut at a space) wrapped: a piece continues the line
 * above when that line is unfinished (brackets or quotes open, a node line without its
 * figures, a plan-level line short of its grammar), or when the piece cannot stand at its
 * indentation and the line above was cut at the wrap width or long enough to be wrapped.
 */
export function collectPlanLines(source: SourceLine[], start: number, wrapWidth: number | null): PlanRegion {
  const first = source[start]!;
  const rootCol = indentOf(first.text);
  const rootContent = first.text.trim();
  const figured = planHasFigures(source, start);
  const frames: Frame[] = [
    {
      kind: "node",
      propsCol: rootCol + (rootContent.startsWith("->") ? 6 : 2),
      childSeen: false,
      lastPropCol: null,
    },
  ];
  const out: PlanLine[] = [{ col: rootCol, content: rootContent, no: first.no, pieces: 1 }];
  let lastRaw = first.text;
  let afterTree = false;
  let i = start + 1;
  for (; i < source.length; i++) {
    const raw = source[i]!.text;
    const content = raw.trim();
    if (isTerminator(content)) break;
    const col = indentOf(raw);
    const prev = out[out.length - 1]!;
    const prevNode = isNodeLine(prev.content, out.length === 1);
    const cutAtWidth =
      wrapWidth !== null && (width(lastRaw) === wrapWidth || width(lastRaw.trimEnd()) === wrapWidth);
    const mustContinue =
      unfinished(prev.content) ||
      (/^Worker \d+:\s+actual\b/.test(prev.content) && !/loops=\d+$/.test(prev.content)) ||
      (prevNode && nodeUnfinished(prev.content, figured)) ||
      (isSummaryLine(prev.content) && !summaryComplete(prev.content));
    let shape = lineShape(frames, rootCol, col, content, afterTree);
    // a line that looks like a plan line still continues an unfinished one when it starts
    // at the margin, or when it is what the cut node line was missing
    const tail = cutAtWidth ? lastRaw.slice(lastRaw.trimEnd().length) : "";
    if (
      shape &&
      mustContinue &&
      (col <= rootCol ||
        (prevNode && nodeLineComplete(joinPiece(prev.content + tail, raw, cutAtWidth, true))))
    )
      shape = null;
    if (shape) {
      applyShape(frames, shape, col, content);
      if (shape.kind === "summary") afterTree = true;
      out.push({ col, content, no: source[i]!.no, pieces: 1 });
      lastRaw = raw;
      continue;
    }
    if (!mustContinue && content.startsWith("->")) return { lines: out, end: i, misplaced: source[i]! };
    if (mustContinue && prev.pieces >= 12) break;
    // a node line whose figures are all there ends there (unless its actuals were broken off)
    const complete =
      prevNode &&
      FIGURED.test(prev.content) &&
      nodeLineComplete(prev.content) &&
      !/^\((?:actual|never)\b/.test(content);
    const continues =
      mustContinue ||
      cutAtWidth ||
      (!complete &&
        col <= rootCol &&
        lastRaw.trimEnd().length >= MIN_WRAPPED &&
        !isSummaryLine(prev.content));
    if (continues) {
      // a terminal's cut keeps the spaces the line ended with
      const head = cutAtWidth ? prev.content + lastRaw.slice(lastRaw.trimEnd().length) : prev.content;
      prev.content = joinPiece(head, raw, cutAtWidth, prevNode);
      prev.pieces++;
      lastRaw = raw;
      continue;
    }
    if (col <= rootCol) {
      // a node line ahead at the root's column: the indentation was lost, not the plan ended
      for (let k = i; k < Math.min(source.length, i + 4); k++)
        if (indentOf(source[k]!.text) <= rootCol && source[k]!.text.trim().startsWith("->"))
          return { lines: out, end: k, misplaced: source[k]! };
      break;
    }
    // deeper and not a plan line: kept as printed on the node it sits under
    out.push({ col, content, no: source[i]!.no, pieces: 1 });
    lastRaw = raw;
  }
  return { lines: out, end: i };
}

/**
 * A terminal's cut goes on with the very next character (spaces included); a chat's
 * break took a space. For a node line, whichever join lets its figures parse wins.
 */
function joinPiece(head: string, raw: string, cutAtWidth: boolean, node: boolean): string {
  const hard = head + raw.trimEnd();
  const soft = `${head} ${raw.trim()}`;
  if (node) {
    // figures that parse, then a node name pgdesk knows
    const score = (s: string) => {
      const body = s.replace(/^->\s*/, "");
      const parsed = readNodeLine(body);
      if (!parsed) return 0;
      const figures = parsed.hasFigures && nodeLineComplete(body) ? 2 : 0;
      return figures + (describeLabel(String(parsed.node._label)) !== null ? 1 : 0);
    };
    const h = score(hard);
    const so = score(soft);
    if (h !== so) return h > so ? hard : soft;
  }
  return cutAtWidth ? hard : soft;
}

/** Unbalanced brackets or quotes. */
export function unfinished(content: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (quote) {
      if (ch === quote) {
        if (content[i + 1] === quote) i++;
        else quote = null;
      }
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
  }
  return quote !== null || depth > 0;
}
