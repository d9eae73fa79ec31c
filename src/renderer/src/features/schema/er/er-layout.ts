import type { ErGraph } from "./er-graph";

/** The part of elkjs's API the layout uses (the bundled build in a worker, or in node for the bench). */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: Array<{ id: string; width: number; height: number; x?: number; y?: number }>;
  edges?: Array<{ id: string; sources: string[]; targets: string[] }>;
}

export const NODE_WIDTH = 240;
export const ROW_HEIGHT = 18;
export const HEADER_HEIGHT = 28;
/** Tall tables are cut at this many rows in the diagram. */
export const MAX_ROWS = 14;

export function nodeHeight(columns: number): number {
  return HEADER_HEIGHT + Math.min(columns, MAX_ROWS + 1) * ROW_HEIGHT + 8;
}

export type Positions = Record<string, { x: number; y: number }>;

/** ELK layered layout (left to right, FK edges) of an ER graph; returns top-left positions. */
export async function layoutEr(elk: ElkLike, graph: ErGraph): Promise<Positions> {
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "40",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
      // React Flow draws the edges itself, so ELK's cheapest routing is enough;
      // considerModelOrder made a 500-table layout ~10x slower.
      "elk.edgeRouting": "POLYLINE",
      "elk.separateConnectedComponents": "true",
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: nodeHeight(n.columns.length) })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Positions = {};
  for (const c of result.children ?? []) out[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return out;
}
