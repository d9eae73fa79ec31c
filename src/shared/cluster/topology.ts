import type { Topology, TopologyEdge, TopologyNode } from "../contract/cluster";

export interface TopologyMember {
  name: string;
  role: string;
  state: string;
  lagBytes?: number | null;
  /** Patroni's replicatefrom tag: the member this one is configured to stream from. */
  replicateFrom?: string;
  /** Who streams from this member right now (its pg_stat_replication, via /patroni). */
  downstream?: Array<{ name: string; state?: string | null; syncState?: string | null }>;
}

export interface SlotInfo {
  name: string;
  active: boolean;
  retainedBytes: number | null;
}

const LEADER_ROLES = new Set(["leader", "standby_leader", "master", "primary"]);

/** Patroni names a member's slot after it: lower case, anything but [a-z0-9_] becomes _. */
export function slotNameOf(member: string): string {
  return member.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

/**
 * The replication tree: the leader on level 0, each replica under the member it really
 * streams from (seen in that member's pg_stat_replication), else under its replicatefrom
 * tag, else under the leader ("expected": configured, not seen streaming). Cascades go
 * one level down per hop. Slots on the leader are matched to members by Patroni's
 * naming; the rest are orphans (they retain WAL for nobody).
 */
export function buildTopology(members: TopologyMember[], leaderSlots: SlotInfo[] = []): Topology {
  const byName = new Map(members.map((m) => [m.name, m]));
  const leader = members.find((m) => LEADER_ROLES.has(m.role));
  const upstream = new Map<string, { from: string; kind: TopologyEdge["kind"]; syncState?: string }>();
  for (const m of members) {
    for (const d of m.downstream ?? []) {
      if (!byName.has(d.name) || d.name === m.name) continue;
      upstream.set(d.name, {
        from: m.name,
        kind: "streaming",
        ...(d.syncState ? { syncState: d.syncState } : {}),
      });
    }
  }
  for (const m of members) {
    if (m === leader || upstream.has(m.name)) continue;
    const configured = m.replicateFrom && byName.has(m.replicateFrom) ? m.replicateFrom : leader?.name;
    if (configured && configured !== m.name && isReplicating(m))
      upstream.set(m.name, { from: configured, kind: "expected" });
  }
  const levels = levelsOf(members, leader?.name, upstream);
  const slots = new Map(leaderSlots.map((s) => [s.name, s]));
  const used = new Set<string>();
  const edges: TopologyEdge[] = [];
  for (const [to, e] of upstream) {
    const slot = e.from === leader?.name ? slots.get(slotNameOf(to)) : undefined;
    if (slot) used.add(slot.name);
    edges.push({
      from: e.from,
      to,
      kind: e.kind,
      ...(e.syncState ? { syncState: e.syncState } : {}),
      ...(slot ? { slot } : {}),
    });
  }
  edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const nodes: TopologyNode[] = members.map((m) => ({
    id: m.name,
    label: m.name,
    role: m.role,
    state: m.state,
    level: levels.get(m.name) ?? 1,
    ...(m.lagBytes !== undefined ? { lagBytes: m.lagBytes } : {}),
    detached: m !== leader && !upstream.has(m.name),
  }));
  nodes.sort((a, b) => a.level - b.level || a.id.localeCompare(b.id));
  return { nodes, edges, orphanSlots: leaderSlots.filter((s) => !used.has(s.name)) };
}

/** A stopped or crashed member streams from nobody: it is drawn detached, not under the leader. */
function isReplicating(m: TopologyMember): boolean {
  return ["running", "streaming"].includes(m.state) && m.lagBytes !== null;
}

/** Depth below the leader along upstream links; a loop or a missing leader leaves level 1. */
function levelsOf(
  members: TopologyMember[],
  leader: string | undefined,
  upstream: Map<string, { from: string }>,
): Map<string, number> {
  const levels = new Map<string, number>();
  if (leader) levels.set(leader, 0);
  for (const m of members) {
    let depth = 0;
    let at: string | undefined = m.name;
    const seen = new Set<string>();
    while (at && at !== leader && !seen.has(at)) {
      seen.add(at);
      at = upstream.get(at)?.from;
      depth++;
    }
    if (at === leader && leader !== undefined) levels.set(m.name, depth);
  }
  return levels;
}
