import type { ClusterStatus, MemberState } from "../../../shared/contract/cluster";
import { buildTopology, type SlotInfo, type TopologyMember } from "../../../shared/cluster/topology";
import type { ConnectionManager } from "../../db/connection-manager";
import {
  getCluster,
  getHistory,
  getNodeStatus,
  patroniBaseUrl,
  type PatroniClusterJson,
  type PatroniEndpoint,
  type PatroniHistoryLine,
  type PatroniNodeStatus,
} from "../../db/patroni.client";
import type { ProfileStore } from "../profiles/profile.store";
import { toPublic, type ClusterStore, type StoredCluster } from "./cluster.store";
import { leaderSlots } from "./cluster.sql";
import { syncMembership } from "./cluster.sync";

export interface StatusDeps {
  profiles: ProfileStore;
  clusters: ClusterStore;
  db: ConnectionManager;
  /** Per REST request. */
  timeoutMs?: number;
}

/** /cluster from the first REST address that answers, with why the others did not. */
export async function firstAnswer(
  record: StoredCluster,
  auth: PatroniEndpoint["auth"],
  timeoutMs: number,
): Promise<{
  json: PatroniClusterJson;
  source: string;
  unreachable: Array<{ url: string; reason: string }>;
}> {
  const unreachable: Array<{ url: string; reason: string }> = [];
  for (const url of record.apiUrls) {
    try {
      return { json: await getCluster({ url, auth, timeoutMs }), source: url, unreachable };
    } catch (err) {
      unreachable.push({ url, reason: (err as Error).message });
    }
  }
  const reasons = unreachable.map((u) => u.reason).join("; ");
  throw Object.assign(new Error(`No Patroni member of "${record.name}" answered: ${reasons}`), {
    code: "ECONNREFUSED",
  });
}

/**
 * The cluster as Patroni sees it now: /cluster (members, roles, states, timelines, lag),
 * every member's /patroni (who streams from it), /history, and the leader's slots; then
 * the member profiles are brought in line with the membership.
 */
export async function clusterStatus(clusterId: string, deps: StatusDeps): Promise<ClusterStatus> {
  const timeoutMs = deps.timeoutMs ?? 3_000;
  let record = await deps.clusters.get(clusterId);
  const auth = await deps.clusters.apiAuth(record);
  const { json, source, unreachable } = await firstAnswer(record, auth, timeoutMs);
  const warnings: string[] = [];
  const leader = json.members.find(
    (m) => m.role === "leader" || m.role === "standby_leader" || m.role === "master",
  );
  const [history, nodes] = await Promise.all([
    getHistory({ url: source, auth, timeoutMs }).catch((err: Error) => {
      warnings.push(`failover history: ${err.message}`);
      return [] as PatroniHistoryLine[];
    }),
    Promise.all(
      json.members.map((m) =>
        m.api_url
          ? getNodeStatus({ url: m.api_url, auth, timeoutMs }).then(
              (s) => ({ name: m.name, status: s }),
              (err: Error) => ({ name: m.name, error: err.message }),
            )
          : Promise.resolve({ name: m.name, error: "Patroni lists no REST address for it" }),
      ),
    ),
  ]);
  const synced = await syncMembership(record, json.members, deps).catch((err: Error) => {
    warnings.push(`member profiles not brought in line: ${err.message}`);
    return { added: [], updated: [], record };
  });
  record = synced.record;
  const profileOf = new Map(record.members.map((m) => [m.member, m.profileId]));
  const slots = leader ? await slotsOf(profileOf.get(leader.name), deps.db, warnings) : [];
  const statusOf = new Map(nodes.map((n) => [n.name, n]));
  const members = json.members.map((m): MemberState =>
    memberState(m, statusOf.get(m.name), profileOf.get(m.name)),
  );
  for (const known of record.members) {
    if (!json.members.some((m) => m.name === known.member))
      members.push({
        name: known.member,
        role: "absent",
        state: "absent",
        profileId: known.profileId,
        unreachable: "not in /cluster: its Patroni is not running or lost its key",
      });
  }
  const topoMembers: TopologyMember[] = members.map((m) => topologyMember(m, statusOf.get(m.name)));
  return {
    cluster: toPublic(record),
    fetchedAt: new Date().toISOString(),
    source,
    unreachable,
    ...(leader ? { leader: leader.name } : {}),
    paused: json.pause === true,
    ...(json.scheduled_switchover ? { scheduledSwitchover: json.scheduled_switchover } : {}),
    members,
    topology: buildTopology(topoMembers, slots),
    history: history.map((h) => ({ ...h })).reverse(),
    warnings,
    synced: { added: synced.added, updated: synced.updated },
  };
}

type NodeAnswer = { name: string; status: PatroniNodeStatus } | { name: string; error: string };

function memberState(
  m: PatroniClusterJson["members"][number],
  node: NodeAnswer | undefined,
  profileId: string | undefined,
): MemberState {
  const status = node && "status" in node ? node.status : undefined;
  return {
    name: m.name,
    role: m.role,
    state: m.state,
    ...(m.host ? { host: m.host } : {}),
    ...(m.port ? { port: m.port } : {}),
    ...(m.api_url ? { apiUrl: patroniBaseUrl(m.api_url) } : {}),
    ...(m.timeline !== undefined ? { timeline: m.timeline } : {}),
    ...(m.lag !== undefined ? { lagBytes: typeof m.lag === "number" ? m.lag : null } : {}),
    ...(m.pending_restart ? { pendingRestart: true } : {}),
    ...(m.tags ? { tags: m.tags } : {}),
    ...(status?.postmaster_start_time ? { postmasterStartTime: status.postmaster_start_time } : {}),
    ...(typeof status?.xlog?.paused === "boolean" ? { replayPaused: status.xlog.paused } : {}),
    ...(profileId ? { profileId } : {}),
    ...(node && "error" in node ? { unreachable: node.error } : {}),
  };
}

function topologyMember(m: MemberState, node: NodeAnswer | undefined): TopologyMember {
  const status = node && "status" in node ? node.status : undefined;
  const from = m.tags?.replicatefrom;
  return {
    name: m.name,
    role: m.role,
    state: m.state,
    ...(m.lagBytes !== undefined ? { lagBytes: m.lagBytes } : {}),
    ...(typeof from === "string" ? { replicateFrom: from } : {}),
    downstream: (status?.replication ?? []).map((r) => ({
      name: r.application_name,
      state: r.state ?? null,
      syncState: r.sync_state ?? null,
    })),
  };
}

async function slotsOf(
  profileId: string | undefined,
  db: ConnectionManager,
  warnings: string[],
): Promise<SlotInfo[]> {
  if (!profileId) {
    warnings.push("replication slots: the leader has no profile in pgdesk");
    return [];
  }
  try {
    const { rows } = await db.query<{ name: string; active: boolean; retained_bytes: number | null }>(
      profileId,
      leaderSlots,
    );
    return rows.map((r) => ({ name: r.name, active: r.active, retainedBytes: r.retained_bytes }));
  } catch (err) {
    warnings.push(`replication slots: ${(err as Error).message}`);
    return [];
  }
}
