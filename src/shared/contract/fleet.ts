import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { ProfileId } from "./common";
import { EnvironmentTag, ProfileKind } from "./profiles";

/**
 * What one probe found: up, or why not. down = nothing answered or the connection was
 * refused; auth = the server refused the login (password, role, pg_hba); timeout = no
 * answer within the per-server timeout; error = it answered but the probe failed (a
 * missing right, a server too old). pending = not probed yet in this run.
 */
export const FleetState = z.enum(["pending", "up", "down", "auth", "timeout", "error"]);
export type FleetState = z.infer<typeof FleetState>;

/** primary / standby from pg_is_in_recovery(); Patroni's own words for cluster members. */
export const FleetRole = z.enum([
  "primary",
  "standby",
  "leader",
  "standby_leader",
  "replica",
  "sync_standby",
  "pooler",
]);
export type FleetRole = z.infer<typeof FleetRole>;

export const FleetSeverity = z.enum(["critical", "warn", "ok", "pending"]);
export type FleetSeverity = z.infer<typeof FleetSeverity>;

/** A check a probe failed: the same ids as the dashboard where the meaning is the same. */
export const FleetFailingCheck = z.object({
  id: z.string(),
  severity: z.enum(["warn", "critical"]),
  message: z.string(),
});
export type FleetFailingCheck = z.infer<typeof FleetFailingCheck>;

export const FleetRow = z.object({
  profileId: ProfileId,
  name: z.string(),
  kind: ProfileKind,
  /** host:port/database as the profile says (the first host of a list). */
  address: z.string(),
  group: z.string().optional(),
  tags: z.array(z.string()),
  environment: EnvironmentTag.optional(),
  cluster: z.object({ clusterId: z.string(), name: z.string(), member: z.string() }).optional(),
  state: FleetState,
  /** Why the state is not up, in the server's or the network's words. */
  reason: z.string().optional(),
  severity: FleetSeverity,
  version: z.string().optional(),
  role: FleetRole.optional(),
  /** Standby: replay lag; primary: its worst standby's. Null when there is nothing to measure. */
  lagSeconds: z.number().nullable().optional(),
  lagBytes: z.number().nullable().optional(),
  connections: z.object({ used: z.number().int(), max: z.number().int() }).optional(),
  longestTransactionSeconds: z.number().nullable().optional(),
  xidAge: z.number().optional(),
  /** Newest backup pgdesk made of this profile (its manifests); null = none known. */
  lastBackupAt: z.string().nullable().optional(),
  /** PgBouncer: clients waiting for a server connection, over all pools. */
  clientsWaiting: z.number().int().optional(),
  failing: z.array(FleetFailingCheck),
  probedAt: z.string().optional(),
  probeMs: z.number().optional(),
});
export type FleetRow = z.infer<typeof FleetRow>;

export const FleetSettings = z
  .object({
    /** Probes at once, never more (each is one short-lived connection). */
    concurrency: z.number().int().min(1, "concurrency is 1-64").max(64, "concurrency is 1-64"),
    /** Per server: connect and answer within this, or the row says timeout. */
    timeoutMs: z.number().int().min(500, "timeout is 0.5-60 s").max(60_000, "timeout is 0.5-60 s"),
    /** A newer backup than this is expected, when pgdesk knows of any. */
    backupMaxAgeHours: z
      .number()
      .min(1)
      .max(24 * 365),
  })
  .strict();
export type FleetSettings = z.infer<typeof FleetSettings>;

export const defaultFleetSettings: FleetSettings = {
  concurrency: 16,
  timeoutMs: 5_000,
  backupMaxAgeHours: 26,
};

export const FleetCounts = z.record(FleetState, z.number().int());

export const FleetSnapshot = z.object({
  runId: z.string(),
  startedAt: z.string(),
  /** Absent while probes are still running. */
  finishedAt: z.string().optional(),
  settings: FleetSettings,
  /** Worst first. */
  rows: z.array(FleetRow),
  counts: FleetCounts,
  /** The most probes that ran at once in this run (never above settings.concurrency). */
  peakConcurrency: z.number().int(),
});
export type FleetSnapshot = z.infer<typeof FleetSnapshot>;

export const fleetChannels = {
  /** The latest run (started now if there was none): every profile, worst first. */
  "fleet:snapshot": channel({ input: NoInput, output: FleetSnapshot }),
  /** Probes every profile again (or joins the run under way); rows arrive as fleet:didProbe. */
  "fleet:refresh": channel({ input: NoInput, output: FleetSnapshot }),
  "fleet:settings": channel({ input: NoInput, output: FleetSettings }),
  "fleet:saveSettings": channel({ input: FleetSettings, output: FleetSettings }),
} as const;

export const fleetEvents = {
  /** One profile's probe finished. */
  "fleet:didProbe": event({ payload: z.object({ runId: z.string(), row: FleetRow }) }),
  /** Every probe of a run finished. */
  "fleet:didFinish": event({ payload: z.object({ runId: z.string(), finishedAt: z.string() }) }),
} as const;
