import { UNPARSED, type RawNode, type RawPlan } from "../plan.raw";
import { applyShape, lineShape, WORKER, type Frame } from "./line-shape";
import { readNodeLine } from "./node-line";
import { readProperty } from "./properties";
import type { PlanLine } from "./rejoin";
import { readSectionLine, readSummaryLine, type Section } from "./summary";
import { finishNode, readTargetTable, type KeyLine } from "./plan-text.finish";

interface Owner {
  node: RawNode;
  /** Grouping-set key lines of an aggregate, read when the node is complete. */
  keys: KeyLine[];
  /** The target table a ModifyTable's 2-deeper lines (an FDW's Remote SQL) belong to. */
  target?: Record<string, unknown>;
}

/**
 * Builds the JSON-format structure of one TEXT plan from its logical lines (see
 * rejoin.ts): node lines become nodes under the frame their "->" column names,
 * property lines go to the node, worker or section they sit under, and a line that
 * fits nowhere is kept verbatim on the node it sits under.
 */
export function buildTextPlan(lines: PlanLine[]): RawPlan {
  const rootLine = lines[0]!;
  const rootContent = rootLine.content.replace(/^->\s*/, "");
  const root = nodeFrom(rootContent);
  const plan: RawPlan = { Plan: root };
  const frames: Frame[] = [
    {
      kind: "node",
      propsCol: rootLine.col + (rootLine.content.startsWith("->") ? 6 : 2),
      childSeen: false,
      lastPropCol: null,
    },
  ];
  // per frame: the node (for node frames), the marker text, or the object a scope fills
  const owners: Array<Owner | string | Section> = [{ node: root, keys: [] }];
  const all: Owner[] = [owners[0] as Owner];
  let afterTree = false;
  for (let i = 1; i < lines.length; i++) {
    const { col, content } = lines[i]!;
    const shape = lineShape(frames, rootLine.col, col, content, afterTree);
    if (shape?.kind === "summary") afterTree = true;
    if (!shape) {
      const owner = nearestOwner(owners);
      ((owner.node[UNPARSED] ??= []) as string[]).push(content);
      continue;
    }
    const atOwner = owners[shape.at];
    applyShape(frames, shape, col, content);
    owners.length = Math.min(owners.length, shape.at + 1);
    switch (shape.kind) {
      case "node": {
        const node = nodeFrom(content.replace(/^->\s*/, ""));
        const marker = typeof atOwner === "string" ? atOwner : undefined;
        const parent = marker !== undefined ? (owners[shape.at - 1] as Owner) : (atOwner as Owner);
        attach(parent.node, node, marker);
        const owner: Owner = { node, keys: [] };
        owners.push(owner);
        all.push(owner);
        break;
      }
      case "marker":
        owners.push(content);
        break;
      case "summary": {
        owners.length = 1;
        const section = readSummaryLine(content, plan);
        if (section) owners.push(section);
        break;
      }
      case "scope-line": {
        const section = atOwner as Section;
        if (content === "JIT:") owners.push((section.JIT = {}) as Section);
        else if (!readSectionLine(content, section)) unparsed(section, content);
        break;
      }
      case "worker":
        owners.push(...readWorkerLine(content, (atOwner as Owner).node));
        break;
      case "target":
        (atOwner as Owner).target = readTargetTable(content, (atOwner as Owner).node);
        break;
      case "property":
      case "subproperty":
        propertyLine(atOwner as Owner, content, shape.kind === "subproperty");
    }
  }
  for (const o of all) finishNode(o.node, o.keys);
  return plan;
}

function nodeFrom(content: string): RawNode {
  const parsed = readNodeLine(content);
  return parsed ? parsed.node : { "Node Type": content, _label: content };
}

function nearestOwner(owners: Array<Owner | string | Section>): Owner {
  for (let i = owners.length - 1; i >= 0; i--) {
    const o = owners[i];
    if (typeof o === "object" && o !== null && "keys" in o) return o as Owner;
  }
  return owners[0] as Owner;
}

function unparsed(target: Record<string, unknown>, content: string): void {
  ((target[UNPARSED] ??= []) as string[]).push(content);
}

const MEMBER_PARENTS = new Set(["Append", "Merge Append", "BitmapAnd", "BitmapOr"]);

function attach(parent: RawNode, node: RawNode, marker: string | undefined): void {
  const siblings = (parent.Plans ??= []);
  if (marker !== undefined) {
    node["Parent Relationship"] = /^SubPlan\b/.test(marker) ? "SubPlan" : "InitPlan";
    node["Subplan Name"] = marker;
  } else {
    const type = parent["Node Type"];
    const ordinary = siblings.filter((s) => s["Subplan Name"] === undefined).length;
    node["Parent Relationship"] = MEMBER_PARENTS.has(type as string)
      ? "Member"
      : type === "Subquery Scan"
        ? "Subquery"
        : type === "Custom Scan"
          ? "child"
          : ordinary === 0
            ? "Outer"
            : "Inner";
  }
  siblings.push(node);
}

/** Group Key / Hash Key / Sort Key lines of an aggregate wait for grouping sets; the rest is read now. */
function propertyLine(owner: Owner, content: string, sub: boolean): void {
  const isAgg = owner.node["Node Type"] === "Aggregate";
  const key = /^(Group Key|Hash Key|Sort Key): (.*)$/.exec(content);
  if (isAgg && key) {
    owner.keys.push({ key: key[1] as KeyLine["key"], value: key[2]!, sub });
    return;
  }
  if (sub && owner.target) {
    if (!readProperty(content, owner.target)) unparsed(owner.node, content);
    return;
  }
  if (!readProperty(content, owner.node)) unparsed(owner.node, content);
}

/** "Worker 0:  actual time=… rows=… loops=…" or "Worker 0:  Sort Method: …": opens that worker's lines. */
function readWorkerLine(content: string, node: RawNode): Section[] {
  const m = WORKER.exec(content)!;
  const worker: Section = { "Worker Number": Number(m[1]) };
  ((node.Workers ??= []) as Section[]).push(worker);
  const rest = m[2] ?? "";
  const actual = /^actual (?:time=([\d.]+)\.\.([\d.]+) )?rows=([\d.]+) loops=(\d+)$/.exec(rest);
  if (actual) {
    if (actual[1] !== undefined) {
      worker["Actual Startup Time"] = Number(actual[1]);
      worker["Actual Total Time"] = Number(actual[2]);
    }
    worker["Actual Rows"] = Number(actual[3]);
    worker["Actual Loops"] = Number(actual[4]);
  } else if (rest === "JIT:") {
    return [worker, (worker.JIT = {}) as Section];
  } else if (rest !== "" && !readProperty(rest, worker)) unparsed(worker, rest);
  return [worker];
}
