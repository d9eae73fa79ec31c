import type { Topology } from "../../../../shared/contract/cluster";

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
}

export const NODE_W = 150;
export const NODE_H = 54;
const GAP_X = 40;
const GAP_Y = 70;
const PAD = 16;

/**
 * Rows by level (the leader on top, each cascade one row lower), nodes of a row side by
 * side in the topology's order, each row centred on the widest one.
 */
export function layoutTopology(t: Pick<Topology, "nodes">): Layout {
  const rows = new Map<number, string[]>();
  for (const n of t.nodes) rows.set(n.level, [...(rows.get(n.level) ?? []), n.id]);
  const levels = [...rows.keys()].sort((a, b) => a - b);
  const widest = Math.max(1, ...[...rows.values()].map((r) => r.length));
  const width = PAD * 2 + widest * NODE_W + (widest - 1) * GAP_X;
  const nodes = new Map<string, PlacedNode>();
  levels.forEach((level, row) => {
    const ids = rows.get(level)!;
    const rowWidth = ids.length * NODE_W + (ids.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    ids.forEach((id, i) =>
      nodes.set(id, { id, x: left + i * (NODE_W + GAP_X), y: PAD + row * (NODE_H + GAP_Y) }),
    );
  });
  const height = PAD * 2 + Math.max(1, levels.length) * NODE_H + Math.max(0, levels.length - 1) * GAP_Y;
  return { width, height, nodes };
}
