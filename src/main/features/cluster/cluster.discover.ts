import { randomUUID } from "node:crypto";
import { AppError, type Profile, type ProfileDraft } from "../../../shared/contract";
import type { ParsedInputOf } from "../../../shared/contract";
import type { Cluster } from "../../../shared/contract/cluster";
import { getCluster, getNodeStatus, patroniBaseUrl, type PatroniMember } from "../../db/patroni.client";
import type { ProfileStore } from "../profiles/profile.store";
import { toPublic, type ClusterStore, type StoredCluster } from "./cluster.store";

export type DiscoverInput = ParsedInputOf<"cluster:discover">;

/** Name of the profile that follows the leader (all members, target_session_attrs=primary). */
export const LEADER_MEMBER = "";

export interface DiscoverDeps {
  profiles: ProfileStore;
  clusters: ClusterStore;
  timeoutMs?: number;
}

/**
 * One member's REST address in, every member out: /cluster lists the members with their
 * PostgreSQL host and port, /patroni names the scope. Each member becomes a profile of
 * the cluster (name "<cluster>/<member>"), plus "<cluster> (leader)" listing every member
 * with target_session_attrs=primary, which lands on whoever leads. All in one write.
 */
export async function discoverCluster(
  input: DiscoverInput,
  deps: DiscoverDeps,
): Promise<{ cluster: Cluster; created: Profile[] }> {
  const url = patroniBaseUrl(input.apiUrl);
  const ep = { url, timeoutMs: deps.timeoutMs ?? 5_000 };
  const [json, node] = await Promise.all([getCluster(ep), getNodeStatus(ep)]);
  const scope = node.patroni?.scope ?? new URL(url).hostname;
  const name = input.name ?? scope;
  const reachable = json.members.filter((m): m is PatroniMember & { host: string; port: number } =>
    Boolean(m.host && m.port),
  );
  if (!reachable.length)
    throw new AppError(
      "CONFLICT",
      `Patroni at ${url} lists no member with a PostgreSQL address (host/port) yet`,
    );
  const known = await deps.clusters.list();
  const apiUrls = unique([
    url,
    ...json.members.flatMap((m) => (m.api_url ? [patroniBaseUrl(m.api_url)] : [])),
  ]);
  const same = known.find((c) => c.scope === scope && c.apiUrls.some((u) => apiUrls.includes(u)));
  if (same) throw new AppError("CONFLICT", `This cluster was already discovered as "${same.name}"`);
  if (known.some((c) => c.name === name))
    throw new AppError("CONFLICT", `name: a cluster named "${name}" exists; give this one another name`, {
      field: "name",
    });

  const clusterId = randomUUID();
  const base = draftBase(input, name);
  const drafts = reachable.map((m) => ({
    draft: { ...base, name: `${name}/${m.name}`, host: m.host, port: m.port },
    cluster: { clusterId, member: m.name },
  }));
  const [first, ...rest] = reachable;
  drafts.push({
    draft: {
      ...base,
      name: `${name} (leader)`,
      host: first!.host,
      port: first!.port,
      additionalHosts: rest.map((m) => ({ host: m.host, port: m.port })),
      targetSessionAttrs: "primary",
    },
    cluster: { clusterId, member: LEADER_MEMBER },
  });
  const created = await deps.profiles.saveMany(drafts);
  const stored: StoredCluster = await deps.clusters.add({
    id: clusterId,
    name,
    scope,
    apiUrls,
    ...(base.group ? { group: base.group } : {}),
    tags: input.tags ?? [],
    ...(input.environment ? { environment: input.environment } : {}),
    members: created
      .filter((p) => p.cluster!.member !== LEADER_MEMBER)
      .map((p) => ({
        member: p.cluster!.member,
        profileId: p.id,
      })),
    leaderProfileId: created.find((p) => p.cluster!.member === LEADER_MEMBER)!.id,
    ...(input.apiUser ? { apiUser: input.apiUser } : {}),
    ...(input.apiPassword ? { apiPassword: input.apiPassword } : {}),
  });
  return { cluster: toPublic(stored), created };
}

/** The fields every member profile shares: credentials, TLS, labels. */
function draftBase(input: DiscoverInput, name: string): Omit<ProfileDraft, "name" | "host" | "port"> {
  const group = input.group !== undefined ? input.group : name;
  return {
    database: input.database,
    user: input.user,
    ...(input.password !== undefined ? { password: input.password } : {}),
    ...(input.sslmode ? { sslmode: input.sslmode } : {}),
    ...(group ? { group } : {}),
    ...(input.tags?.length ? { tags: input.tags } : {}),
    ...(input.environment ? { tag: input.environment } : {}),
  };
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}
