import type { Profile, ProfileDraft } from "../../../shared/contract";
import { patroniBaseUrl, type PatroniMember } from "../../db/patroni.client";
import type { ProfileStore } from "../profiles/profile.store";
import type { ClusterStore, StoredCluster } from "./cluster.store";

export interface MembershipChanges {
  /** Members Patroni lists that have no profile yet. */
  add: Array<{ member: string; host: string; port: number }>;
  /** Member profiles whose PostgreSQL address moved. */
  readdress: Array<{ profileId: string; member: string; host: string; port: number }>;
  /** REST addresses not known yet. */
  apiUrls: string[];
}

/**
 * What changed since discovery, from /cluster: new members, moved addresses, new REST
 * addresses. Members missing from /cluster are kept (a stopped Patroni drops out of
 * /cluster until it is back); the status shows them as absent instead.
 */
export function membershipChanges(
  record: StoredCluster,
  members: PatroniMember[],
  profiles: Map<string, Profile>,
): MembershipChanges {
  const out: MembershipChanges = { add: [], readdress: [], apiUrls: [] };
  for (const m of members) {
    if (m.api_url) {
      const url = patroniBaseUrl(m.api_url);
      if (!record.apiUrls.includes(url) && !out.apiUrls.includes(url)) out.apiUrls.push(url);
    }
    if (!m.host || !m.port) continue;
    const known = record.members.find((x) => x.member === m.name);
    const profile = known && profiles.get(known.profileId);
    if (!known || !profile) out.add.push({ member: m.name, host: m.host, port: m.port });
    else if (profile.host !== m.host || profile.port !== m.port)
      out.readdress.push({ profileId: profile.id, member: m.name, host: m.host, port: m.port });
  }
  return out;
}

/**
 * Applies the changes: new members get a profile made like an existing member's (same
 * credentials, labels), moved ones are re-addressed, and the leader-following profile
 * lists every member's address. Returns the names added and updated.
 */
export async function syncMembership(
  record: StoredCluster,
  members: PatroniMember[],
  deps: { profiles: ProfileStore; clusters: ClusterStore },
): Promise<{ added: string[]; updated: string[]; record: StoredCluster }> {
  const all = new Map((await deps.profiles.list()).map((p) => [p.id, p]));
  const changes = membershipChanges(record, members, all);
  const updated: string[] = [];
  if (changes.readdress.length) {
    const moves = new Map(changes.readdress.map((r) => [r.profileId, r]));
    await deps.profiles.update([...moves.keys()], (p) => ({
      host: moves.get(p.id)!.host,
      port: moves.get(p.id)!.port,
    }));
    updated.push(...changes.readdress.map((r) => r.member));
  }
  const template = record.members.map((m) => all.get(m.profileId)).find((p) => p !== undefined);
  const added: Profile[] = [];
  if (changes.add.length && template) {
    const base = await templateDraft(template, deps.profiles);
    added.push(
      ...(await deps.profiles.saveMany(
        changes.add.map((m) => ({
          draft: { ...base, name: `${record.name}/${m.member}`, host: m.host, port: m.port },
          cluster: { clusterId: record.id, member: m.member },
        })),
      )),
    );
  }
  if (record.leaderProfileId && all.has(record.leaderProfileId) && (added.length || updated.length))
    await followEveryMember(record.leaderProfileId, members, deps.profiles);
  if (!added.length && !changes.apiUrls.length && !updated.length) return { added: [], updated: [], record };
  const next = await deps.clusters.update(record.id, (c) => ({
    ...c,
    apiUrls: [...c.apiUrls, ...changes.apiUrls],
    members: [
      ...c.members.filter((m) => !added.some((p) => p.cluster?.member === m.member)),
      ...added.map((p) => ({ member: p.cluster!.member, profileId: p.id })),
    ],
  }));
  return { added: added.map((p) => p.cluster!.member), updated, record: next };
}

/** The leader-following profile's host list: every member Patroni lists, in its order. */
async function followEveryMember(
  profileId: string,
  members: PatroniMember[],
  profiles: ProfileStore,
): Promise<void> {
  const hosts = members.flatMap((m) => (m.host && m.port ? [{ host: m.host, port: m.port }] : []));
  const [first, ...rest] = hosts;
  if (!first) return;
  await profiles.update([profileId], () => ({ host: first.host, port: first.port, additionalHosts: rest }));
}

/** A new member's draft from an existing member: same user, database, TLS, labels and saved password. */
async function templateDraft(
  p: Profile,
  profiles: ProfileStore,
): Promise<Omit<ProfileDraft, "name" | "host" | "port">> {
  const params = await profiles.connectionParams(p.id);
  // a password found in ~/.pgpass stays there; only a saved one is copied
  const password = params.passwordSource === undefined ? params.password : undefined;
  const {
    id: _id,
    name: _n,
    host: _h,
    port: _p,
    hasPassword: _hp,
    hasSshSecret: _hs,
    hasSslPassword: _hk,
    cluster: _c,
    additionalHosts: _a,
    ...rest
  } = p;
  return { ...rest, ...(password !== undefined ? { password } : {}) };
}
