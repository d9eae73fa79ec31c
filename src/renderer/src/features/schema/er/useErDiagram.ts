import { type Node, type NodeChange } from "@xyflow/react";
import { useMemo, useState } from "react";
import type { SchemaModel } from "../../../../../shared/contract/schema";
import { buildErGraph, type ErGraph } from "./er-graph";
import type { Positions } from "./er-layout";
import { clearPositions, loadPositions, savePosition } from "./er-positions.store";
import { erSchemaNames, initialErSchemas, shownGraph } from "./er-view.model";
import type { TableNodeData } from "./TableNode";

type XY = { x: number; y: number };

/** Which tables the diagram shows: chosen schemas, or one focused table and its neighbours. */
export function useErScope(model: SchemaModel, initialFocus: string | undefined) {
  const schemaNames = useMemo(() => erSchemaNames(model), [model]);
  const [schemas, setSchemas] = useState<Set<string>>(() => initialErSchemas(schemaNames));
  const [focus, setFocus] = useState<string | undefined>(initialFocus);
  const [hops, setHops] = useState(1);
  const full = useMemo(() => buildErGraph(model, { schemas }), [model, schemas]);
  const graph = useMemo(() => shownGraph(model, full, { table: focus, hops }), [model, full, focus, hops]);
  return { schemaNames, schemas, setSchemas, focus, setFocus, hops, setHops, full, graph };
}

/**
 * Where each table is drawn: where the user dragged it (remembered per profile), else
 * where the layout put it. Positions change live while dragging and are saved on drop.
 */
export function usePlacedNodes(
  profileId: string,
  graph: ErGraph | undefined,
  laidOut: Positions | undefined,
  focus: string | undefined,
) {
  const [saved, setSaved] = useState(() => loadPositions(profileId));
  const [dragged, setDragged] = useState<Record<string, XY>>({});
  const nodes: Node<TableNodeData>[] = useMemo(() => {
    if (!graph || !laidOut) return [];
    return graph.nodes.map((n) => ({
      id: n.id,
      type: "table",
      position: saved[n.id] ?? laidOut[n.id] ?? { x: 0, y: 0 },
      data: { ...n, focused: n.id === focus },
    }));
  }, [graph, laidOut, saved, focus]);
  const shown = useMemo(
    () => nodes.map((n) => (dragged[n.id] ? { ...n, position: dragged[n.id]! } : n)),
    [nodes, dragged],
  );
  return {
    nodes: shown,
    positions: (): Record<string, XY> => Object.fromEntries(shown.map((n) => [n.id, n.position])),
    onNodesChange: (changes: NodeChange[]) => {
      for (const c of changes) {
        if (c.type === "position" && c.position) setDragged((d) => ({ ...d, [c.id]: c.position! }));
      }
    },
    onDragStop: (node: Node) => {
      savePosition(profileId, node.id, node.position);
      setSaved(loadPositions(profileId));
    },
    reset: () => {
      clearPositions(profileId);
      setSaved({});
      setDragged({});
    },
  };
}
