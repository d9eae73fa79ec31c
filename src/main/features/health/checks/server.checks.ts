import type { CheckDefinition, CheckOutcome } from "../check.types";
import { bytes, details, pct, seconds } from "../check.types";
import {
  checkpointsBefore17,
  checkpointsFrom17,
  preloadLibraries,
  replicationSlots,
  standbyStatus,
  standbys,
  statementsExtension,
  topStatements,
} from "../health-server.sql";

interface CheckpointRow {
  timed: number;
  requested: number;
  written: number;
  clean: number;
  maxwritten_clean: number;
  backend: number | null;
  stats_reset: Date | null;
  max_wal_size: string;
  checkpoint_timeout: string;
}

export const checkpointsCheck: CheckDefinition = {
  id: "checkpoints",
  title: "Checkpoint and background writer pressure",
  async run({ query, versionNum, thresholds: t }) {
    const [r] = await query<CheckpointRow>(versionNum >= 170000 ? checkpointsFrom17 : checkpointsBefore17);
    const total = r!.timed + r!.requested;
    const requestedPct = total ? (r!.requested / total) * 100 : 0;
    const status = total && requestedPct > t.checkpointRequestedWarnPct ? "warn" : "pass";
    const source = versionNum >= 170000 ? "pg_stat_checkpointer" : "pg_stat_bgwriter";
    return {
      status,
      value: total ? `${pct(requestedPct)} requested (${r!.requested} of ${total})` : "no checkpoints yet",
      threshold: `warn above ${t.checkpointRequestedWarnPct} % requested checkpoints`,
      message:
        `${r!.timed} timed and ${r!.requested} requested checkpoints (${source}), ${r!.written} buffers written by checkpoints, ` +
        `${r!.clean} by the background writer (stopped ${r!.maxwritten_clean} times at bgwriter_lru_maxpages)` +
        (r!.backend !== null ? `, ${r!.backend} by backends themselves` : "") +
        (r!.stats_reset ? `, since ${r!.stats_reset.toISOString()}.` : "."),
      action:
        status === "warn"
          ? `Checkpoints are forced by WAL volume more than by time: raise max_wal_size (now ${r!.max_wal_size}) so most happen every checkpoint_timeout (${r!.checkpoint_timeout}).`
          : "",
      metrics: {
        timed: r!.timed,
        requested: r!.requested,
        requestedPct,
        buffersWritten: r!.written,
        buffersClean: r!.clean,
        maxwrittenClean: r!.maxwritten_clean,
      },
    };
  },
};

interface StandbyRow {
  pid: number;
  application_name: string;
  client: string | null;
  state: string;
  sync_state: string;
  send_lag_bytes: number | null;
  replay_lag_bytes: number | null;
  replay_lag_seconds: number | null;
}

interface StandbyStatusRow {
  receive_lsn: string | null;
  replay_lsn: string | null;
  replay_gap_bytes: number;
  replay_lag_seconds: number | null;
  pause_state: string;
  receiver_status: string | null;
  receive_age_seconds: number | null;
  sender_host: string | null;
}

export const replicationCheck: CheckDefinition = {
  id: "replication",
  title: "Replication",
  async run({ query, inRecovery, thresholds: t }): Promise<CheckOutcome> {
    const threshold = `lag warn ${seconds(t.replicationLagWarnSec)} or ${bytes(t.replicationLagWarnBytes)}, fail ${seconds(t.replicationLagFailSec)}`;
    if (inRecovery) {
      const [s] = await query<StandbyStatusRow>(standbyStatus);
      const lag = s!.replay_lag_seconds ?? 0;
      const paused = s!.pause_state !== "not paused";
      let status: "pass" | "warn" | "fail" =
        lag >= t.replicationLagFailSec ? "fail" : lag >= t.replicationLagWarnSec ? "warn" : "pass";
      if (paused && status === "pass") status = "warn";
      if (s!.receiver_status !== "streaming" && status === "pass") status = "warn";
      return {
        status,
        value: `standby, replay lag ${seconds(lag)} (${bytes(s!.replay_gap_bytes)} received, not replayed)`,
        threshold,
        message:
          `This server is a standby of ${s!.sender_host ?? "an unknown primary"}; WAL receiver ${s!.receiver_status ?? "not running"}` +
          (s!.receive_age_seconds !== null ? `, last message ${seconds(s!.receive_age_seconds)} ago` : "") +
          `; replay ${s!.pause_state}.`,
        action: paused
          ? "Replay is paused: SELECT pg_wal_replay_resume(); on this standby."
          : status !== "pass"
            ? "Check the network to the primary and the standby's I/O; long queries on the standby can also delay replay (max_standby_streaming_delay)."
            : "",
        details: details(
          ["receive lsn", "replay lsn", "gap bytes", "lag s", "paused", "receiver"],
          [[s!.receive_lsn, s!.replay_lsn, s!.replay_gap_bytes, lag, paused, s!.receiver_status]],
        ),
        metrics: { replayLagSeconds: lag, replayGapBytes: s!.replay_gap_bytes, paused: paused ? 1 : 0 },
      };
    }
    const rows = await query<StandbyRow>(standbys);
    if (rows.length === 0) {
      return {
        status: "pass",
        value: "no standbys",
        threshold,
        message: "This server is a primary with no standby connected.",
        action: "",
        metrics: { standbys: 0 },
      };
    }
    const worst = Math.max(...rows.map((r) => r.replay_lag_seconds ?? 0));
    const worstBytes = Math.max(...rows.map((r) => r.replay_lag_bytes ?? 0));
    const notStreaming = rows.filter((r) => r.state !== "streaming");
    let status: "pass" | "warn" | "fail" =
      worst >= t.replicationLagFailSec ? "fail" : worst >= t.replicationLagWarnSec ? "warn" : "pass";
    // replay_lag keeps its last measured value while a standby's replay is paused; bytes keep growing
    if ((notStreaming.length || worstBytes >= t.replicationLagWarnBytes) && status === "pass")
      status = "warn";
    return {
      status,
      value: `${rows.length} standbys, worst lag ${seconds(worst)} / ${bytes(worstBytes)}`,
      threshold,
      message:
        rows
          .map(
            (r) =>
              `${r.application_name || r.client || r.pid}: ${r.state} (${r.sync_state}), replay ${bytes(r.replay_lag_bytes ?? 0)} behind`,
          )
          .join("; ") + ".",
      action:
        status === "pass"
          ? ""
          : "A lagging standby serves stale reads: check its I/O and network, and whether replay is paused there.",
      details: details(
        ["standby", "client", "state", "sync", "send lag bytes", "replay lag bytes", "replay lag s"],
        rows.map((r) => [
          r.application_name,
          r.client,
          r.state,
          r.sync_state,
          r.send_lag_bytes,
          r.replay_lag_bytes,
          r.replay_lag_seconds,
        ]),
      ),
      metrics: { standbys: rows.length, worstLagSeconds: worst, worstLagBytes: worstBytes },
    };
  },
};

interface SlotRow {
  slot_name: string;
  slot_type: string;
  database: string | null;
  active: boolean;
  wal_status: string | null;
  retained_bytes: number | null;
}

export const replicationSlotsCheck: CheckDefinition = {
  id: "replicationSlots",
  title: "Replication slots",
  async run({ query, thresholds: t }) {
    const rows = await query<SlotRow>(replicationSlots);
    const inactive = rows.filter((r) => !r.active);
    const heavy = rows.filter((r) => (r.retained_bytes ?? 0) >= t.slotRetainedWarnBytes);
    const lost = rows.filter((r) => r.wal_status === "lost");
    const status = lost.length ? "fail" : inactive.length || heavy.length ? "warn" : "pass";
    const retained = rows.reduce((s, r) => s + (r.retained_bytes ?? 0), 0);
    return {
      status,
      value: rows.length
        ? `${rows.length} slots, ${inactive.length} inactive, ${bytes(retained)} WAL retained`
        : "no slots",
      threshold: `inactive slots, or more than ${bytes(t.slotRetainedWarnBytes)} retained`,
      message: rows.length
        ? `${inactive.length} of ${rows.length} replication slots have no consumer` +
          (inactive.length
            ? ` (${inactive.map((r) => r.slot_name).join(", ")}): they keep WAL and old rows until dropped.`
            : ".")
        : "No replication slots.",
      action: inactive.length
        ? `If the consumer is gone for good: SELECT pg_drop_replication_slot('${inactive[0]!.slot_name.replaceAll("'", "''")}');`
        : heavy.length
          ? "A slot's consumer is far behind; check it, or set max_slot_wal_keep_size."
          : "",
      details: details(
        ["slot", "type", "database", "active", "WAL status", "retained bytes"],
        rows.map((r) => [r.slot_name, r.slot_type, r.database, r.active, r.wal_status, r.retained_bytes]),
      ),
      metrics: { slots: rows.length, inactive: inactive.length, retainedBytes: retained },
    };
  },
};

interface StatementRow {
  ranking: string;
  queryid: string;
  query: string;
  calls: number;
  total_ms: number;
  mean_ms: number;
  rows: number;
}

export const statementsCheck: CheckDefinition = {
  id: "statements",
  title: "Top statements (pg_stat_statements)",
  async run({ query, versionNum, thresholds: t }) {
    const threshold = `mean above ${t.slowQueryMs} ms with at least ${t.slowQueryCalls} calls`;
    const [ext] = await query<{ schema: string; version: string; preload: string }>(statementsExtension);
    if (!ext) {
      const [p] = await query<{ preload: string }>(preloadLibraries);
      const preloaded = p!.preload
        .split(",")
        .map((s) => s.trim())
        .includes("pg_stat_statements");
      return {
        status: "error",
        value: "not installed",
        threshold,
        message:
          "pg_stat_statements is not installed in this database, so there are no statement statistics.",
        action: preloaded
          ? "The server already loads it: run CREATE EXTENSION pg_stat_statements; in this database (needs CREATE privilege on the database)."
          : "Add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart the server, then run CREATE EXTENSION pg_stat_statements; in this database.",
      };
    }
    const rows = await query<StatementRow>(topStatements(ext.schema, versionNum), [t.slowQueryCalls]);
    const slow = rows.filter((r) => r.ranking === "mean" && r.mean_ms >= t.slowQueryMs);
    const byTotal = rows.filter((r) => r.ranking === "total");
    return {
      status: slow.length ? "warn" : "pass",
      value: slow.length
        ? `${slow.length} slow statements, slowest mean ${slow[0]!.mean_ms.toFixed(1)} ms`
        : `${byTotal.length} top statements, none slow`,
      threshold,
      message: slow.length
        ? `${slow.length} statements average more than ${t.slowQueryMs} ms over at least ${t.slowQueryCalls} calls.`
        : "No frequently run statement is slow.",
      action: slow.length
        ? "Open the slowest statement in Explain to see its plan, and check Indexes for missing ones."
        : "",
      details: details(
        ["ranking", "query", "calls", "total ms", "mean ms", "rows"],
        rows.map((r) => [
          r.ranking,
          r.query,
          r.calls,
          Number(r.total_ms.toFixed(2)),
          Number(r.mean_ms.toFixed(2)),
          r.rows,
        ]),
      ),
      metrics: { slow: slow.length },
    };
  },
};
