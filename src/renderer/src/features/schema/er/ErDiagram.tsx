import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
} from "@xyflow/react";
import { useEffect, useMemo } from "react";
import type { SchemaModel } from "../../../../../shared/contract/schema";
import { Button } from "../../../components/Button";
import type { ErGraph } from "./er-graph";
import { ER_MAX_SUGGESTIONS, findTable } from "./er-view.model";
import { ExportButtons, FocusControls, JumpBox, SchemaFilter } from "./ErToolbar";
import { TableNode } from "./TableNode";
import { useErLayout } from "./useErLayout";
import { useErScope, usePlacedNodes } from "./useErDiagram";
import { count } from "../../../../../shared/format/plural";

const nodeTypes = { table: TableNode };

interface Props {
  model: SchemaModel;
  profileId: string;
  initialFocus?: string | undefined;
}

export function ErDiagram(props: Props) {
  return (
    <ReactFlowProvider>
      <ErCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** ER diagram: ELK layout in a worker, schema filter, focus mode (table + N hops), search to jump, export. */
function ErCanvas({ model, profileId, initialFocus }: Props) {
  const flow = useReactFlow();
  const scope = useErScope(model, initialFocus);
  const { graph, full } = scope;
  const layout = useErLayout(graph);
  const placed = usePlacedNodes(profileId, graph, layout.positions, scope.focus);
  const edges = useMemo(() => flowEdges(graph), [graph]);

  // A new layout (other focus, hops or schemas) is shown whole; only visible nodes are rendered.
  useEffect(() => {
    if (!layout.positions) return;
    const frame = requestAnimationFrame(() => void flow.fitView({ duration: 0 }));
    return () => cancelAnimationFrame(frame);
  }, [layout.positions, flow]);

  const tableIds = full.nodes.length <= ER_MAX_SUGGESTIONS ? full.nodes.map((n) => n.id) : [];
  return (
    <div className="flex h-full min-h-[32rem] flex-col gap-2" data-testid="er-diagram">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <SchemaFilter names={scope.schemaNames} value={scope.schemas} onChange={scope.setSchemas} />
        <FocusControls
          focus={scope.focus}
          hops={scope.hops}
          onFocus={scope.setFocus}
          onHops={scope.setHops}
        />
        <JumpBox
          onJump={(query) => {
            const hit = findTable(placed.nodes, query);
            if (hit)
              void flow.setCenter(hit.position.x + 120, hit.position.y + 60, { zoom: 1.2, duration: 300 });
          }}
        />
        <datalist id="er-tables">
          {tableIds.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <ExportButtons graph={graph} positions={placed.positions} />
        <Button onClick={placed.reset}>Reset layout</Button>
        <span className="text-slate-600 dark:text-slate-400" data-testid="er-status">
          {graph ? `${count(graph.nodes.length, "table")}, ${count(graph.edges.length, "foreign key")}` : ""}
          {layout.running
            ? " · laying out…"
            : layout.ms !== undefined
              ? ` · layout ${Math.round(layout.ms)} ms`
              : ""}
        </span>
      </div>
      {!graph ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="er-too-many">
          {count(full.nodes.length, "table")} in the chosen schemas: pick fewer schemas or focus on one table
          to draw a diagram.
        </p>
      ) : layout.error ? (
        <p role="alert">Layout failed: {layout.error}</p>
      ) : (
        <div className="min-h-0 flex-1 rounded border border-slate-200 dark:border-slate-800">
          <ReactFlow
            nodes={placed.nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            fitView
            minZoom={0.05}
            onlyRenderVisibleElements
            nodesConnectable={false}
            onNodesChange={placed.onNodesChange}
            onNodeDragStop={(_, node) => placed.onDragStop(node)}
            onNodeDoubleClick={(_, node) => scope.setFocus(node.id)}
          >
            <Background />
            <Controls />
          </ReactFlow>
        </div>
      )}
    </div>
  );
}

function flowEdges(graph: ErGraph | undefined): Edge[] {
  return (graph?.edges ?? []).map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
}
