import { z } from "zod";
import { channel, NoInput } from "./channel";
import { ProfileId } from "./common";
import { EnvironmentTag, Profile, ProfileLabel, SslMode } from "./profiles";

/** A Patroni REST API address as the user typed it, e.g. http://10.0.0.5:8008. */
export const PatroniUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(u), "a Patroni address is http(s)://host:port");

export const ClusterId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "invalid cluster id");

/** A discovered Patroni cluster as pgdesk keeps it (secrets stay in main). */
export const Cluster = z.object({
  id: ClusterId,
  /** Patroni's scope unless renamed at discovery. */
  name: z.string(),
  scope: z.string(),
  /** Every member's REST API, tried in order until one answers. */
  apiUrls: z.array(z.string()),
  group: z.string().optional(),
  tags: z.array(z.string()),
  environment: EnvironmentTag.optional(),
  /** The profile of each member, by member name. */
  members: z.array(z.object({ member: z.string(), profileId: ProfileId })),
  /** A profile listing every member with target_session_attrs=primary: it follows the leader. */
  leaderProfileId: ProfileId.optional(),
  /** A user name and password for Patroni's unsafe endpoints (switchover) are saved. */
  hasApiAuth: z.boolean(),
});
export type Cluster = z.infer<typeof Cluster>;

export const MemberState = z.object({
  name: z.string(),
  /** Patroni's role: leader, standby_leader, replica, sync_standby, … */
  role: z.string(),
  /** Patroni's state: running, streaming, stopped, starting, crashed, … */
  state: z.string(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  apiUrl: z.string().optional(),
  timeline: z.number().int().optional(),
  /** Bytes behind the leader; null when Patroni says unknown (the member is not replicating). */
  lagBytes: z.number().nullable().optional(),
  pendingRestart: z.boolean().optional(),
  /** Patroni tags (nofailover, replicatefrom, …). */
  tags: z.record(z.string(), z.unknown()).optional(),
  /** From the member's own /patroni: PostgreSQL's start, replayed position, paused replay. */
  postmasterStartTime: z.string().optional(),
  replayPaused: z.boolean().optional(),
  profileId: ProfileId.optional(),
  /** The member's /patroni did not answer (it is down, or its API is). */
  unreachable: z.string().optional(),
});
export type MemberState = z.infer<typeof MemberState>;

export const TopologyNode = z.object({
  id: z.string(),
  label: z.string(),
  role: z.string(),
  state: z.string(),
  /** 0 = the leader; replicas of a replica (cascades) one level further down. */
  level: z.number().int(),
  lagBytes: z.number().nullable().optional(),
  /** No upstream could be found (a stopped or detached member). */
  detached: z.boolean(),
});
export type TopologyNode = z.infer<typeof TopologyNode>;

export const TopologyEdge = z.object({
  from: z.string(),
  to: z.string(),
  /** streaming (seen in the upstream's pg_stat_replication), or expected (config only). */
  kind: z.enum(["streaming", "expected"]),
  syncState: z.string().optional(),
  /** The replication slot on the upstream that the downstream uses, if any. */
  slot: z.object({ name: z.string(), active: z.boolean(), retainedBytes: z.number().nullable() }).optional(),
});
export type TopologyEdge = z.infer<typeof TopologyEdge>;

export const Topology = z.object({
  nodes: z.array(TopologyNode),
  edges: z.array(TopologyEdge),
  /** Slots on the leader that no member uses. */
  orphanSlots: z.array(
    z.object({ name: z.string(), active: z.boolean(), retainedBytes: z.number().nullable() }),
  ),
});
export type Topology = z.infer<typeof Topology>;

export const HistoryEntry = z.object({
  timeline: z.number().int(),
  lsn: z.number().nullable(),
  reason: z.string(),
  at: z.string().optional(),
  newLeader: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ClusterStatus = z.object({
  cluster: Cluster,
  fetchedAt: z.string(),
  /** The REST address that answered /cluster. */
  source: z.string(),
  /** Addresses tried before it and why each failed. */
  unreachable: z.array(z.object({ url: z.string(), reason: z.string() })),
  leader: z.string().optional(),
  paused: z.boolean(),
  scheduledSwitchover: z
    .object({ at: z.string(), from: z.string().optional(), to: z.string().optional() })
    .optional(),
  members: z.array(MemberState),
  topology: Topology,
  history: z.array(HistoryEntry),
  /** Things pgdesk could not read exactly (slots, a member's API), each with its reason. */
  warnings: z.array(z.string()),
  /** Profiles added or re-addressed because membership changed since the last look. */
  synced: z.object({ added: z.array(z.string()), updated: z.array(z.string()) }),
});
export type ClusterStatus = z.infer<typeof ClusterStatus>;

export const SwitchoverResult = z.object({
  ok: z.boolean(),
  /** Patroni's own answer, e.g. Successfully switched over to "m2". */
  message: z.string(),
  httpStatus: z.number().int(),
  previousLeader: z.string(),
  /** The leader /cluster shows afterwards. */
  newLeader: z.string().optional(),
  tookMs: z.number(),
});
export type SwitchoverResult = z.infer<typeof SwitchoverResult>;

export const clusterChannels = {
  "cluster:list": channel({ input: NoInput, output: z.array(Cluster) }),
  /**
   * Reads /cluster from one member's REST API and saves every member as a profile of one
   * cluster (plus one that follows the leader); the credentials are used for each member.
   */
  "cluster:discover": channel({
    input: z
      .object({
        apiUrl: PatroniUrl,
        user: z.string().min(1, "user is required").max(252),
        password: z.string().max(4096).optional(),
        database: z.string().min(1).max(252).default("postgres"),
        sslmode: SslMode.optional(),
        name: z.string().trim().min(1).max(200).optional(),
        group: z.string().trim().max(200).optional(),
        tags: z.array(ProfileLabel).max(32).optional(),
        environment: EnvironmentTag.optional(),
        /** Basic auth for Patroni's unsafe endpoints (restapi.authentication). */
        apiUser: z.string().max(252).optional(),
        apiPassword: z.string().max(4096).optional(),
      })
      .strict(),
    output: z.object({ cluster: Cluster, created: z.array(Profile) }),
  }),
  /** Members, roles, states, lag, topology and failover history, read now; member profiles kept in sync. */
  "cluster:status": channel({ input: z.object({ clusterId: ClusterId }).strict(), output: ClusterStatus }),
  /**
   * Asks Patroni to switch the leader over to `candidate` and reports what happened. A
   * cluster tagged production needs `confirm` equal to its name.
   */
  "cluster:switchover": channel({
    input: z
      .object({
        clusterId: ClusterId,
        candidate: z.string().min(1).max(200),
        confirm: z.string().max(200).optional(),
      })
      .strict(),
    output: SwitchoverResult,
  }),
  /** Forgets a cluster; with deleteProfiles its member profiles go too. */
  "cluster:remove": channel({
    input: z.object({ clusterId: ClusterId, deleteProfiles: z.boolean() }).strict(),
    output: z.object({}),
  }),
} as const;
