import { randomUUID } from "node:crypto";
import type { FleetRole, FleetRow, FleetSettings, FleetSnapshot } from "../../../shared/contract/fleet";
import type { Profile } from "../../../shared/contract/profiles";
import { countStates, rowSeverity, worstFirst } from "../../../shared/fleet/fleet-order";
import type { Emit } from "../handler-types";
import type { Logger } from "../../logger";
import type { ClusterStore } from "../cluster/cluster.store";
import type { ThresholdsStore } from "../health/thresholds.store";
import type { ProfileStore } from "../profiles/profile.store";
import { BackupAges } from "./backup-age";
import { runBounded } from "./bounded-run";
import { failingChecks } from "./fleet-checks";
import { probeServer, type ProbeOutcome } from "./fleet.probe";
import type { FleetSettingsStore } from "./fleet.settings";
import { patroniRoles, type PatroniRoles } from "./patroni-roles";
import { classifyFailure } from "./probe-state";

export interface FleetMonitorDeps {
  dataDir: string;
  profiles: ProfileStore;
  clusters: ClusterStore;
  thresholds: ThresholdsStore;
  settings: FleetSettingsStore;
  emit: Emit;
  log: Logger;
}

interface Run {
  snapshot: FleetSnapshot;
  done: Promise<void>;
}

/**
 * Probes every profile with bounded concurrency (settings.concurrency at most, each one
 * short-lived connection with the per-server timeout), keeps the latest run, and pushes
 * each row as it arrives (fleet:didProbe). One run at a time: a refresh during a run
 * joins it. It keeps nothing between runs but the last one: a view, not a collector.
 */
export class FleetMonitor {
  private current?: Run;

  constructor(private readonly deps: FleetMonitorDeps) {}

  async snapshot(): Promise<FleetSnapshot> {
    return (this.current ?? (await this.start())).snapshot;
  }

  async refresh(): Promise<FleetSnapshot> {
    if (this.current && !this.current.snapshot.finishedAt) return this.current.snapshot;
    return (await this.start()).snapshot;
  }

  /** Resolves when the latest run has finished (tests and the bench wait on it). */
  async settled(): Promise<FleetSnapshot> {
    await this.current?.done;
    return this.snapshot();
  }

  private async start(): Promise<Run> {
    const settings = await this.deps.settings.get();
    const profiles = await this.deps.profiles.list();
    const clusters = await this.deps.clusters.list();
    const clusterName = new Map(clusters.map((c) => [c.id, c.name]));
    const snapshot: FleetSnapshot = {
      runId: randomUUID(),
      startedAt: new Date().toISOString(),
      settings,
      rows: worstFirst(profiles.map((p) => pendingRow(p, clusterName))),
      counts: countStates([]),
      peakConcurrency: 0,
    };
    snapshot.counts = countStates(snapshot.rows);
    const run: Run = { snapshot, done: Promise.resolve() };
    this.current = run;
    run.done = this.probeAll(run, profiles, settings).catch((err: unknown) =>
      this.deps.log.error("fleet run failed", err),
    );
    return run;
  }

  private async probeAll(run: Run, profiles: Profile[], settings: FleetSettings): Promise<void> {
    const roles = patroniRoles(this.deps.clusters, settings.timeoutMs);
    const ages = new BackupAges(this.deps.dataDir);
    const composing: Array<Promise<void>> = [];
    const { peak } = await runBounded(profiles, settings.concurrency, async (profile) => {
      const outcome = await this.probeOne(profile, settings);
      // outside the slot: waiting for a cluster's Patroni must not hold up the next probe
      composing.push(
        this.compose(run, profile, outcome, { roles, ages, settings }).then((row) => this.publish(run, row)),
      );
    });
    await Promise.all(composing);
    run.snapshot.peakConcurrency = peak;
    run.snapshot.finishedAt = new Date().toISOString();
    this.deps.emit("fleet:didFinish", { runId: run.snapshot.runId, finishedAt: run.snapshot.finishedAt });
  }

  private async probeOne(profile: Profile, settings: FleetSettings): Promise<ProbeOutcome> {
    try {
      const params = await this.deps.profiles.connectionParams(profile.id);
      return await probeServer(params, profile.kind ?? "postgres", settings.timeoutMs);
    } catch (err) {
      // the profile itself is unusable (a password this machine cannot decrypt): say so on its row
      return { ...classifyFailure(err, settings.timeoutMs), facts: {}, probeMs: 0 };
    }
  }

  private async compose(
    run: Run,
    profile: Profile,
    outcome: ProbeOutcome,
    ctx: { roles: PatroniRoles; ages: BackupAges; settings: FleetSettings },
  ): Promise<FleetRow> {
    const base = run.snapshot.rows.find((r) => r.profileId === profile.id) ?? pendingRow(profile, new Map());
    const patroni = profile.cluster?.member
      ? await ctx.roles.of(profile.cluster.clusterId, profile.cluster.member)
      : undefined;
    const lastBackupAt = profile.kind === "pgbouncer" ? undefined : await ctx.ages.newest(profile);
    const thresholds = await this.deps.thresholds.get(profile.id);
    const facts = { ...outcome.facts, ...(lastBackupAt !== undefined ? { lastBackupAt } : {}) };
    const failing =
      outcome.state === "up" ? failingChecks(facts, thresholds, { ...ctx.settings, now: new Date() }) : [];
    const role = fleetRoleOf(patroni?.role) ?? outcome.role;
    const row: FleetRow = {
      ...base,
      state: outcome.state,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.version ? { version: outcome.version } : {}),
      ...(role ? { role } : {}),
      ...(outcome.facts.lagSeconds !== undefined ? { lagSeconds: outcome.facts.lagSeconds } : {}),
      ...(patroni?.lagBytes !== undefined
        ? { lagBytes: patroni.lagBytes }
        : outcome.facts.lagBytes !== undefined
          ? { lagBytes: outcome.facts.lagBytes }
          : {}),
      ...(outcome.facts.connections ? { connections: outcome.facts.connections } : {}),
      ...(outcome.facts.longestTransactionSeconds !== undefined
        ? { longestTransactionSeconds: outcome.facts.longestTransactionSeconds }
        : {}),
      ...(outcome.facts.xidAge !== undefined ? { xidAge: outcome.facts.xidAge } : {}),
      ...(lastBackupAt !== undefined ? { lastBackupAt } : {}),
      ...(outcome.facts.clientsWaiting !== undefined ? { clientsWaiting: outcome.facts.clientsWaiting } : {}),
      failing,
      probedAt: new Date().toISOString(),
      probeMs: outcome.probeMs,
    };
    return { ...row, severity: rowSeverity(row) };
  }

  private publish(run: Run, row: FleetRow): void {
    const rows = worstFirst([...run.snapshot.rows.filter((r) => r.profileId !== row.profileId), row]);
    run.snapshot.rows = rows;
    run.snapshot.counts = countStates(rows);
    this.deps.emit("fleet:didProbe", { runId: run.snapshot.runId, row });
  }
}

/** Patroni's role words (older and newer versions) as the overview's. */
const PATRONI_ROLES = new Map<string, FleetRole>([
  ["leader", "leader"],
  ["master", "leader"],
  ["primary", "leader"],
  ["standby_leader", "standby_leader"],
  ["sync_standby", "sync_standby"],
  ["quorum_standby", "sync_standby"],
  ["replica", "replica"],
]);

function fleetRoleOf(role: string | undefined): FleetRole | undefined {
  return role === undefined ? undefined : PATRONI_ROLES.get(role);
}

/** A profile's row before its probe has answered. */
function pendingRow(p: Profile, clusterName: Map<string, string>): FleetRow {
  return {
    profileId: p.id,
    name: p.name,
    kind: p.kind ?? "postgres",
    address: `${p.host}:${p.port}/${p.database}`,
    ...(p.group ? { group: p.group } : {}),
    tags: p.tags ?? [],
    ...(p.tag ? { environment: p.tag } : {}),
    ...(p.cluster
      ? {
          cluster: {
            clusterId: p.cluster.clusterId,
            name: clusterName.get(p.cluster.clusterId) ?? "(removed cluster)",
            member: p.cluster.member,
          },
        }
      : {}),
    state: "pending",
    severity: "pending",
    failing: [],
  };
}
