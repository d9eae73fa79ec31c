import type { Topology, TopologyEdge, TopologyNode } from "../../../../../shared/contract/cluster";
import { formatLagBytes } from "../../fleet/fleet.format";
import { layoutTopology, NODE_H, NODE_W, type PlacedNode } from "../topology-layout";

const fill = (role: string, state: string) =>
  !["running", "streaming"].includes(state)
    ? "#fee2e2"
    : role === "leader" || role === "standby_leader"
      ? "#dbeafe"
      : "#dcfce7";

/** The replication tree as SVG: solid arrows stream (seen upstream), dashed ones are only configured. */
export function TopologyDiagram({ topology }: { topology: Topology }) {
  const layout = layoutTopology(topology);
  return (
    <figure className="flex flex-col gap-2">
      <svg
        data-testid="cluster-topology"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="max-w-full rounded border border-slate-200 bg-white dark:border-slate-800"
        role="img"
        aria-label="Replication topology"
      >
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#475569" />
          </marker>
        </defs>
        {topology.edges.map((e) => {
          const a = layout.nodes.get(e.from);
          const b = layout.nodes.get(e.to);
          return a && b ? <EdgeView key={`${e.from}>${e.to}`} edge={e} from={a} to={b} /> : null;
        })}
        {topology.nodes.map((n) => (
          <NodeView key={n.id} node={n} at={layout.nodes.get(n.id)!} />
        ))}
      </svg>
      {topology.orphanSlots.length > 0 && (
        <figcaption className="text-xs text-amber-800 dark:text-amber-300" data-testid="orphan-slots">
          Slots on the leader no member uses (they keep WAL):{" "}
          {topology.orphanSlots.map((s) => `${s.name} (${formatLagBytes(s.retainedBytes)})`).join(", ")}
        </figcaption>
      )}
    </figure>
  );
}

function EdgeView({ edge: e, from: a, to: b }: { edge: TopologyEdge; from: PlacedNode; to: PlacedNode }) {
  const [x1, y1, x2, y2] = [a.x + NODE_W / 2, a.y + NODE_H, b.x + NODE_W / 2, b.y];
  const label = [e.syncState, e.slot ? `slot ${e.slot.name}${e.slot.active ? "" : " (inactive)"}` : undefined]
    .filter(Boolean)
    .join(" · ");
  return (
    <g data-testid="topology-edge" data-from={e.from} data-to={e.to} data-kind={e.kind}>
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        stroke="#475569"
        strokeWidth={1.5}
        strokeDasharray={e.kind === "expected" ? "5 4" : undefined}
        markerEnd="url(#arrow)"
      />
      <text x={(x1 + x2) / 2 + 6} y={(y1 + y2) / 2} fontSize={10} fill="#334155">
        {label}
      </text>
    </g>
  );
}

function NodeView({ node: n, at: p }: { node: TopologyNode; at: PlacedNode }) {
  return (
    <g
      data-testid="topology-node"
      data-id={n.id}
      data-role={n.role}
      data-state={n.state}
      data-level={n.level}
    >
      <rect
        x={p.x}
        y={p.y}
        width={NODE_W}
        height={NODE_H}
        rx={6}
        fill={fill(n.role, n.state)}
        stroke="#64748b"
      />
      <text x={p.x + 8} y={p.y + 18} fontSize={13} fontWeight={600} fill="#0f172a">
        {n.label}
      </text>
      <text x={p.x + 8} y={p.y + 34} fontSize={11} fill="#334155">
        {n.role} · {n.state}
      </text>
      <text x={p.x + 8} y={p.y + 48} fontSize={10} fill="#475569">
        {n.level === 0 && !n.detached
          ? "leader"
          : n.detached
            ? "not replicating"
            : `lag ${formatLagBytes(n.lagBytes)}`}
      </text>
    </g>
  );
}
