import type { ArchivingState } from "../contract/pitr";

/** What the server says about WAL archiving (pg_stat_archiver, settings, archive_status). */
export interface ArchiverFacts {
  mode: string;
  command: string;
  library: string;
  inRecovery: boolean;
  archivedCount: number;
  lastArchivedAt: Date | null;
  failedCount: number;
  lastFailedWal: string | null;
  lastFailedAt: Date | null;
  /** Waiting segments; null when the role may not list them. */
  ready: { count: number; oldestAgeSec: number | null } | null;
  /** The archive command's last error line, when it could be read. */
  lastError?: string | undefined;
  now: Date;
}

export interface StallThresholds {
  /** A segment waiting this long while nothing is archived: warn, then fail. */
  stallWarnSec: number;
  stallFailSec: number;
}

export interface ArchivingVerdict {
  state: ArchivingState;
  status: "pass" | "warn" | "fail";
  summary: string;
  action: string;
}

const MONITOR_HINT =
  "the backlog of waiting segments is unknown: listing them (pg_ls_archive_statusdir) needs superuser or pg_monitor; a superuser can run GRANT pg_monitor TO <this user>";

/** Seconds since `at`, or null. */
export function ageSec(at: Date | null, now: Date): number | null {
  return at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : null;
}

/** "42 s", "5 min", "2.5 h" for messages. */
export function shortDuration(sec: number): string {
  if (sec < 90) return `${Math.round(sec)} s`;
  if (sec < 5400) return `${Math.round(sec / 60)} min`;
  if (sec < 172_800) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86_400).toFixed(1)} days`;
}

/**
 * Judges archiving. Failing: the last failure is newer than the last success. Stalled:
 * segments wait and nothing has been archived for a while (an unreachable repository
 * can block one push for minutes without counting a failure, so the counter alone is
 * not enough). The verdict never claims more than the facts show.
 */
export function judgeArchiving(f: ArchiverFacts, t: StallThresholds): ArchivingVerdict {
  if (f.mode === "off")
    return verdict(
      "off",
      "pass",
      "WAL archiving is off (archive_mode = off): no point-in-time recovery.",
      "",
    );
  if (f.inRecovery && f.mode !== "always")
    return verdict(
      "idle",
      "pass",
      "This server is a standby with archive_mode = on: the primary archives, this server does not.",
      "",
    );
  if (!f.command.trim() && !f.library.trim())
    return verdict(
      "failing",
      "fail",
      "archive_mode is on but archive_command and archive_library are empty: WAL segments are kept, never archived.",
      "Set archive_command (for pgBackRest: pgbackrest --config=… --stanza=… archive-push %p) and reload.",
    );
  const lastOk = f.lastArchivedAt?.getTime() ?? -Infinity;
  if (f.lastFailedAt && f.lastFailedAt.getTime() > lastOk) return failing(f);
  return progressVerdict(f, t);
}

function failing(f: ArchiverFacts): ArchivingVerdict {
  const since = f.lastArchivedAt
    ? `nothing archived since ${f.lastArchivedAt.toISOString()}`
    : "nothing archived since statistics were reset";
  return verdict(
    "failing",
    "fail",
    `Archiving is failing: ${f.lastFailedWal ?? "a segment"} failed at ${f.lastFailedAt!.toISOString()} (${f.failedCount} failures counted), ${since}.` +
      (f.lastError ? ` The archive command said: ${f.lastError}` : ""),
    "Run the archive command by hand as the server's OS user (or pgbackrest check) to see why; PostgreSQL retries on its own once it works.",
  );
}

function progressVerdict(f: ArchiverFacts, t: StallThresholds): ArchivingVerdict {
  const lastAge = ageSec(f.lastArchivedAt, f.now);
  const lastText =
    lastAge === null
      ? "nothing archived since statistics were reset"
      : `last WAL archived ${shortDuration(lastAge)} ago`;
  if (!f.ready) {
    const unsure = lastAge !== null && lastAge >= t.stallFailSec;
    return verdict(
      unsure ? "unknown" : "ok",
      unsure ? "warn" : "pass",
      `${capitalize(lastText)}; ${MONITOR_HINT}.`,
      "GRANT pg_monitor TO <this user>; lets pgdesk see segments waiting to be archived.",
    );
  }
  if (f.ready.count === 0) {
    if (lastAge === null) return verdict("idle", "pass", "Nothing archived yet and nothing waiting.", "");
    return verdict("ok", "pass", `${capitalize(lastText)}; no segment waiting.`, "");
  }
  // waiting segments: how long since anything got through, and how long the oldest has waited
  const waited = Math.min(lastAge ?? Infinity, f.ready.oldestAgeSec ?? lastAge ?? 0);
  const waiting = `${f.ready.count} segment${f.ready.count === 1 ? "" : "s"} waiting`;
  if (waited >= t.stallWarnSec) {
    return verdict(
      "stalled",
      waited >= t.stallFailSec ? "fail" : "warn",
      `Archiving is stalled: ${waiting}, ${lastText}, the failure counter unchanged (${f.failedCount}). ` +
        "An unreachable repository can block one push for minutes before it counts as failed.",
      "Check that the repository (or S3 endpoint) is reachable from the database host, and run pgbackrest check.",
    );
  }
  return verdict("ok", "pass", `${capitalize(lastText)}; ${waiting}.`, "");
}

function verdict(
  state: ArchivingState,
  status: ArchivingVerdict["status"],
  summary: string,
  action: string,
): ArchivingVerdict {
  return { state, status, summary, action };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
