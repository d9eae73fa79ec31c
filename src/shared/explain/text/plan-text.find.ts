import type { RawPlan } from "../plan.raw";
import { describeLabel, nodeLineComplete, readNodeLine } from "./node-line";
import { buildTextPlan } from "./plan-text.parser";
import { collectPlanLines, hardWrapWidth, indentOf, type SourceLine } from "./rejoin";

export interface FoundTextPlan {
  plan: RawPlan;
  firstLine: number;
  lastLine: number;
  /** Lines re-joined because a terminal or chat had wrapped them. */
  rejoined: number;
  /** Index (into the lines given) after the plan. */
  end: number;
  /** A node line whose indentation fits nowhere in the tree (see rejoin.ts). */
  misplaced?: SourceLine;
}

/**
 * A line that can start a plan: a node line with its figures — or whose name and figures
 * a wrap cut, so that they end on the next lines — or a bare node name over an indented tree.
 */
export function isRootLine(lines: SourceLine[], i: number): boolean {
  const content = lines[i]!.text.trim().replace(/^->\s*/, "");
  if (!content) return false;
  const parsed = readNodeLine(content);
  if (parsed?.hasFigures && nodeLineComplete(content)) return true;
  if (parsed && describeLabel(content) !== null) {
    const next = lines[i + 1];
    if (next !== undefined && next.text.trim() !== "" && indentOf(next.text) > indentOf(lines[i]!.text))
      return true;
  }
  return wrappedRoot(lines, i, content);
}

/** Whether joining the next line or two (as a terminal or a chat cut them) gives a known node with figures. */
function wrappedRoot(lines: SourceLine[], i: number, content: string): boolean {
  // a terminal's cut keeps every character, the spaces at either end included
  let hard = lines[i]!.text.trimStart().replace(/^->\s*/, "");
  let soft = content;
  for (let k = i + 1; k < Math.min(lines.length, i + 5); k++) {
    const t = lines[k]!.text;
    if (t.trim() === "") return false;
    hard += t;
    soft += ` ${t.trim()}`;
    for (const joined of [hard.trimEnd(), soft]) {
      const parsed = readNodeLine(joined);
      if (
        parsed?.hasFigures &&
        nodeLineComplete(joined) &&
        describeLabel(String(parsed.node._label)) !== null
      )
        return true;
    }
  }
  return false;
}

/**
 * The TEXT plan whose root is line i, if that line can start one. In a document known to
 * hold plans (a psql cell, a log entry) a lone node name counts: COSTS OFF prints "Result" alone.
 */
export function textPlanAt(lines: SourceLine[], i: number, document = false): FoundTextPlan | null {
  const lone = document && describeLabel(lines[i]!.text.trim()) !== null;
  if (!lone && !isRootLine(lines, i)) return null;
  const region = collectPlanLines(lines, i, hardWrapWidth(lines, i));
  return {
    plan: buildTextPlan(region.lines),
    firstLine: lines[i]!.no,
    lastLine: lines[region.end - 1]!.no,
    rejoined: region.lines.reduce((s, l) => s + l.pieces - 1, 0),
    end: region.end,
    ...(region.misplaced ? { misplaced: region.misplaced } : {}),
  };
}

/** Every TEXT plan in the lines, in order. */
export function findTextPlans(lines: SourceLine[], document = false): FoundTextPlan[] {
  const out: FoundTextPlan[] = [];
  for (let i = 0; i < lines.length;) {
    const found = textPlanAt(lines, i, document);
    if (found) {
      out.push(found);
      i = found.end;
    } else i++;
  }
  return out;
}
