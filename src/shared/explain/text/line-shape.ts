import { isPlanLevelLine, isSummaryLine } from "./summary";
import { splitProperty } from "./properties";

/**
 * Where each line of a TEXT plan may go, from its indentation alone: EXPLAIN prints a
 * node's properties 2 columns right of its name (6 right of its "->"), then its workers,
 * then its children's "->" at that same column; InitPlan / SubPlan / CTE markers sit
 * there too, their node 2 further in. Plan-level lines (Planning Time, triggers, JIT)
 * sit at the root's column.
 */
export interface NodeFrame {
  kind: "node";
  propsCol: number;
  childSeen: boolean;
  /** Column of the last property line, so its 2-deeper sub-lines can be told from noise. */
  lastPropCol: number | null;
}
export interface MarkerFrame {
  kind: "marker";
  col: number;
}
/** A worker ("Worker 0:") or a section ("Planning:", "JIT:"): lines 2 deeper belong to it. */
export interface ScopeFrame {
  kind: "scope";
  col: number;
}
export type Frame = NodeFrame | MarkerFrame | ScopeFrame;

export interface Shape {
  kind: "node" | "marker" | "worker" | "property" | "subproperty" | "target" | "summary" | "scope-line";
  /** Index of the frame the line belongs to. */
  at: number;
}

export const MARKER = /^(?:(?:InitPlan|SubPlan)\b.*|CTE \S.*)$/;
export const WORKER = /^Worker (\d+):(?:\s+(.*))?$/;
export const TARGET_TABLE = /^(?:Foreign )?(?:Insert|Update|Delete|Merge) on \S/;

/**
 * `afterTree`: a known plan-level line (Planning Time, JIT …) has been seen, so an
 * unknown "Key: value" at the root's column is an extension's plan-level line too; before
 * that such a line is more likely the wrapped-off end of the line above.
 */
export function lineShape(
  frames: Frame[],
  rootCol: number,
  col: number,
  content: string,
  afterTree = true,
): Shape | null {
  if (content.startsWith("->")) {
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i]!;
      if ((f.kind === "node" && f.propsCol === col) || (f.kind === "marker" && f.col + 2 === col))
        return { kind: "node", at: i };
    }
    return null;
  }
  if (col === rootCol && (isSummaryLine(content) || (afterTree && isPlanLevelLine(content))))
    return { kind: "summary", at: 0 };
  // a worker's or section's lines: the innermost open one whose lines sit at this column
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (f.kind !== "scope") break;
    if (col === f.col + 2 && splitProperty(content)) return { kind: "scope-line", at: i };
  }
  if (MARKER.test(content)) {
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i]!;
      if (f.kind === "node" && f.propsCol === col) return { kind: "marker", at: i };
    }
    return null;
  }
  const at = nearestNode(frames);
  const node = frames[at] as NodeFrame;
  if (node.childSeen) return null;
  if (col === node.propsCol) {
    if (WORKER.test(content)) return { kind: "worker", at };
    if (TARGET_TABLE.test(content)) return { kind: "target", at };
    if (splitProperty(content)) return { kind: "property", at };
  }
  if (col === node.propsCol + 2 && node.lastPropCol === node.propsCol && splitProperty(content))
    return { kind: "subproperty", at };
  return null;
}

function nearestNode(frames: Frame[]): number {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.kind === "node") return i;
  return 0;
}

/** Moves the frames past a line of the given shape (the same in both passes). */
export function applyShape(frames: Frame[], shape: Shape, col: number, content: string): void {
  switch (shape.kind) {
    case "node": {
      frames.length = shape.at + 1;
      markChildSeen(frames);
      const arrow = col;
      frames.push({ kind: "node", propsCol: arrow + 6, childSeen: false, lastPropCol: null });
      return;
    }
    case "marker":
      frames.length = shape.at + 1;
      (frames[shape.at] as NodeFrame).childSeen = true;
      frames.push({ kind: "marker", col });
      return;
    case "summary":
      frames.length = 1;
      (frames[0] as NodeFrame).childSeen = true;
      // a plan-level line ending in ":" opens a group ("Planning:", "JIT:", an extension's)
      if (/^[^:]+:$/.test(content) || /^Serialization:/.test(content)) frames.push({ kind: "scope", col });
      return;
    case "scope-line":
      frames.length = shape.at + 1;
      if (/^JIT:$/.test(content)) frames.push({ kind: "scope", col });
      return;
    case "worker":
      frames.length = shape.at + 1;
      (frames[shape.at] as NodeFrame).lastPropCol = col;
      frames.push({ kind: "scope", col });
      if (/^Worker \d+:\s+JIT:$/.test(content)) frames.push({ kind: "scope", col: col + 2 });
      return;
    case "property":
    case "target":
      frames.length = shape.at + 1;
      (frames[shape.at] as NodeFrame).lastPropCol = col;
      return;
    case "subproperty":
      frames.length = shape.at + 1;
  }
}

function markChildSeen(frames: Frame[]): void {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (f.kind === "node") {
      f.childSeen = true;
      return;
    }
  }
}
