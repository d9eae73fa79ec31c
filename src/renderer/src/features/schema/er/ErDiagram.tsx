import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type Node,
} from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import type { SchemaModel } from "../../../../../shared/contract/schema";
import { Button } from "../../../components/Button";
import { buildErGraph } from "./er-graph";
import { clearPositions, loadPositions, savePosition } from "./er-positions.store";
import { erToSvg } from "./er-svg";
import { TableNode, type TableNodeData } from "./TableNode";
import { useErLayout } from "./useErLayout";

const nodeTypes = { table: TableNode };
/** Past this many tables the diagram asks for a schema filter or focus mode instead of drawing everything. */
export const ER_MAX_NODES = 500;

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d")!.drawImage(img, 0, 0);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ErDiagram(props: {
  model: SchemaModel;
  profileId: string;
  initialFocus?: string | undefined;
}) {
  return (
    <ReactFlowProvider>
      <ErCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** ER diagram: ELK layout in a worker, schema filter, focus mode (table + N hops), search to jump, export. */
function ErCanvas({
  model,
  profileId,
  initialFocus,
}: {
  model: SchemaModel;
  profileId: string;
  initialFocus?: string | undefined;
}) {
  const flow = useReactFlow();
  const schemaNames = useMemo(
    () =>
      [
        ...new Set(
          model.relations.filter((r) => r.kind !== "view" && r.kind !== "matview").map((r) => r.schema),
        ),
      ].sort(),
    [model],
  );
  const [schemas, setSchemas] = useState<Set<string>>(
    () => new Set(schemaNames.includes("public") ? ["public"] : schemaNames.slice(0, 1)),
  );
  const [focus, setFocus] = useState<string | undefined>(initialFocus);
  const [hops, setHops] = useState(1);
  const [jump, setJump] = useState("");
  const [saved, setSaved] = useState(() => loadPositions(profileId));

  const full = useMemo(() => buildErGraph(model, { schemas }), [model, schemas]);
  const graph = useMemo(() => {
    const known = focus !== undefined && model.relations.some((r) => `${r.schema}.${r.name}` === focus);
    const g = known ? buildErGraph(model, { focus, hops }) : full;
    return g.nodes.length > ER_MAX_NODES ? undefined : g;
  }, [model, full, focus, hops]);
  const layout = useErLayout(graph);

  const nodes: Node<TableNodeData>[] = useMemo(() => {
    if (!graph || !layout.positions) return [];
    return graph.nodes.map((n) => ({
      id: n.id,
      type: "table",
      position: saved[n.id] ?? layout.positions![n.id] ?? { x: 0, y: 0 },
      data: { ...n, focused: n.id === focus },
    }));
  }, [graph, layout.positions, saved, focus]);
  const [dragged, setDragged] = useState<Record<string, { x: number; y: number }>>({});
  const shownNodes = useMemo(
    () => nodes.map((n) => (dragged[n.id] ? { ...n, position: dragged[n.id]! } : n)),
    [nodes, dragged],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph
        ? graph.edges.map((e) => ({
            id: e.id,
            source: e.source,
            target: e.target,
            label: e.label,
            markerEnd: { type: MarkerType.ArrowClosed },
          }))
        : [],
    [graph],
  );

  // A new layout (other focus, hops or schemas) is shown whole; only visible nodes are rendered.
  useEffect(() => {
    if (!layout.positions) return;
    const frame = requestAnimationFrame(() => void flow.fitView({ duration: 0 }));
    return () => cancelAnimationFrame(frame);
  }, [layout.positions, flow]);

  const positionsNow = () => Object.fromEntries(shownNodes.map((n) => [n.id, n.position]));
  const tableIds = full.nodes.length <= 5000 ? full.nodes.map((n) => n.id) : [];

  return (
    <div className="flex h-full min-h-[32rem] flex-col gap-2" data-testid="er-diagram">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <details className="relative">
          <summary className="cursor-pointer" data-testid="er-schema-filter">
            Schemas ({schemas.size || "all"})
          </summary>
          <div className="absolute z-10 max-h-64 overflow-auto rounded border bg-white p-2 shadow dark:bg-slate-900">
            {schemaNames.map((s) => (
              <label key={s} className="flex items-center gap-1 whitespace-nowrap">
                <input
                  type="checkbox"
                  checked={schemas.has(s)}
                  onChange={(e) => {
                    const next = new Set(schemas);
                    if (e.target.checked) next.add(s);
                    else next.delete(s);
                    setSchemas(next);
                  }}
                />
                {s}
              </label>
            ))}
          </div>
        </details>
        <label className="flex items-center gap-1">
          Focus
          <input
            list="er-tables"
            data-testid="er-focus"
            className="w-56 rounded border px-2 py-0.5 dark:bg-slate-900"
            placeholder="schema.table"
            value={focus ?? ""}
            onChange={(e) => setFocus(e.target.value || undefined)}
          />
        </label>
        <label className="flex items-center gap-1">
          hops
          <input
            type="number"
            min={1}
            max={6}
            data-testid="er-hops"
            className="w-14 rounded border px-1 py-0.5 dark:bg-slate-900"
            value={hops}
            onChange={(e) => setHops(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const q = jump.trim().toLowerCase();
            const hit =
              shownNodes.find((n) => n.id.toLowerCase() === q) ??
              shownNodes.find((n) => n.id.toLowerCase().includes(q));
            if (hit)
              void flow.setCenter(hit.position.x + 120, hit.position.y + 60, { zoom: 1.2, duration: 300 });
          }}
        >
          <input
            data-testid="er-jump"
            className="w-40 rounded border px-2 py-0.5 dark:bg-slate-900"
            placeholder="Find table"
            value={jump}
            onChange={(e) => setJump(e.target.value)}
          />
        </form>
        <datalist id="er-tables">
          {tableIds.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <Button
          data-testid="er-export-svg"
          onClick={() =>
            graph &&
            download(
              "er-diagram.svg",
              new Blob([erToSvg(graph, positionsNow()).svg], { type: "image/svg+xml" }),
            )
          }
        >
          SVG
        </Button>
        <Button
          data-testid="er-export-png"
          onClick={() => {
            if (!graph) return;
            const { svg, width, height } = erToSvg(graph, positionsNow());
            void svgToPng(svg, width, height).then((png) => download("er-diagram.png", png));
          }}
        >
          PNG
        </Button>
        <Button
          onClick={() => {
            clearPositions(profileId);
            setSaved({});
            setDragged({});
          }}
        >
          Reset layout
        </Button>
        <span className="text-slate-500" data-testid="er-status">
          {graph ? `${graph.nodes.length} tables, ${graph.edges.length} foreign keys` : ""}
          {layout.running
            ? " · laying out…"
            : layout.ms !== undefined
              ? ` · layout ${Math.round(layout.ms)} ms`
              : ""}
        </span>
      </div>
      {!graph ? (
        <p className="text-sm text-slate-500" data-testid="er-too-many">
          {full.nodes.length.toLocaleString()} tables in the chosen schemas: pick fewer schemas or focus on
          one table to draw a diagram.
        </p>
      ) : layout.error ? (
        <p role="alert">Layout failed: {layout.error}</p>
      ) : (
        <div className="min-h-0 flex-1 rounded border border-slate-200 dark:border-slate-800">
          <ReactFlow
            nodes={shownNodes}
            edges={edges}
            nodeTypes={nodeTypes}
            fitView
            minZoom={0.05}
            onlyRenderVisibleElements
            nodesConnectable={false}
            onNodesChange={(changes) => {
              for (const c of changes) {
                if (c.type === "position" && c.position) setDragged((d) => ({ ...d, [c.id]: c.position! }));
              }
            }}
            onNodeDragStop={(_, node) => {
              savePosition(profileId, node.id, node.position);
              setSaved(loadPositions(profileId));
            }}
            onNodeDoubleClick={(_, node) => setFocus(node.id)}
          >
            <Background />
            <Controls />
          </ReactFlow>
        </div>
      )}
    </div>
  );
}
