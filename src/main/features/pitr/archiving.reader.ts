import type pg from "pg";
import type { ArchivingStatus } from "../../../shared/contract/pitr";
import { ageSec, judgeArchiving, type StallThresholds } from "../../../shared/pitr/archiving.model";
import { archiverState, currentLogFile, logTail, readySegments } from "./archiving.sql";

/** One query inside the caller's transaction (a health check's, or a plain pooled one). */
export type ArchivingQuery = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

interface ArchiverRow {
  mode: string;
  command: string;
  library: string;
  in_recovery: boolean;
  archived_count: number;
  last_archived_wal: string | null;
  last_archived_time: Date | null;
  failed_count: number;
  last_failed_wal: string | null;
  last_failed_time: Date | null;
  stats_reset: Date | null;
  now: Date;
  time_zone: string;
  segment_bytes: number;
  can_list_ready: boolean;
  can_read_log: boolean;
}

export interface ArchivingReading {
  status: ArchivingStatus;
  timeZone: string;
  segmentBytes: number;
  inRecovery: boolean;
}

/**
 * Reads archiving health over a normal connection: pg_stat_archiver, settings, the .ready
 * backlog (pg_monitor or superuser) and, when archiving fails and the role may read the
 * server log, the archive command's own last error line. Missing rights are said, never
 * turned into errors, so it runs inside a health check's read-only transaction.
 */
export async function readArchiving(query: ArchivingQuery, t: StallThresholds): Promise<ArchivingReading> {
  const [r] = await query<ArchiverRow>(archiverState);
  const row = r!;
  let ready: ArchivingStatus["ready"] = null;
  if (row.can_list_ready) {
    const [x] = await query<{ ready: number; oldest_age_sec: number | null }>(readySegments);
    ready = { count: x!.ready, oldestAgeSec: x!.oldest_age_sec };
  }
  const failing =
    row.last_failed_time !== null &&
    (row.last_archived_time === null || row.last_failed_time > row.last_archived_time);
  const logged = failing ? await lastArchiveError(query, row.can_read_log) : {};
  const facts = {
    mode: row.mode,
    command: row.command,
    library: row.library,
    inRecovery: row.in_recovery,
    archivedCount: row.archived_count,
    lastArchivedAt: row.last_archived_time,
    failedCount: row.failed_count,
    lastFailedWal: row.last_failed_wal,
    lastFailedAt: row.last_failed_time,
    ready,
    lastError: logged.error,
    now: row.now,
  };
  const v = judgeArchiving(facts, t);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const status: ArchivingStatus = {
    mode: row.mode,
    command: row.command,
    library: row.library,
    archivedCount: row.archived_count,
    lastArchivedWal: row.last_archived_wal,
    lastArchivedAt: iso(row.last_archived_time),
    lastArchivedAgeSec: ageSec(row.last_archived_time, row.now),
    failedCount: row.failed_count,
    lastFailedWal: row.last_failed_wal,
    lastFailedAt: iso(row.last_failed_time),
    statsReset: iso(row.stats_reset),
    ready,
    ...(row.can_list_ready
      ? {}
      : {
          readyUnavailable:
            "Listing waiting segments (pg_ls_archive_statusdir) needs superuser or pg_monitor: GRANT pg_monitor TO <this user>.",
        }),
    ...(logged.error ? { lastError: logged.error } : {}),
    ...(logged.unavailable ? { lastErrorUnavailable: logged.unavailable } : {}),
    serverNow: row.now.toISOString(),
    state: v.state,
    severity: v.status,
    summary: v.summary,
    action: v.action,
  };
  return { status, timeZone: row.time_zone, segmentBytes: row.segment_bytes, inRecovery: row.in_recovery };
}

async function lastArchiveError(
  query: ArchivingQuery,
  allowed: boolean,
): Promise<{ error?: string; unavailable?: string }> {
  if (!allowed)
    return {
      unavailable:
        "The archive command's own message is in the server log, which this role may not read (needs superuser or pg_read_server_files and pg_monitor).",
    };
  const [f] = await query<{ file: string | null }>(currentLogFile);
  if (!f?.file)
    return {
      unavailable:
        "The archive command's own message is in the server log; logging_collector is off, so pgdesk cannot read it over SQL.",
    };
  const [tail] = await query<{ text: string }>(logTail, [f.file]);
  const error = archiveErrorIn(tail?.text ?? "");
  return error ? { error } : { unavailable: `No archive error found in the last 64 kB of ${f.file}.` };
}

/** The archive command's newest error line in a server log excerpt (pgBackRest's own words first). */
export function archiveErrorIn(log: string): string | undefined {
  const lines = log.split("\n").map((l) => l.trim());
  const at0 = lastIndex(lines, (l) => /(^|\s)(ERROR|ASSERT): \[\d{3}\]:/.test(l));
  if (at0 >= 0) {
    // with several repositories the reasons follow on lines of their own ("repo1: [FileOpenError] …")
    const more: string[] = [];
    for (let i = at0 + 1; i < lines.length && /^repo\d+: /.test(lines[i]!); i++) more.push(lines[i]!);
    return [lines[at0]!.replace(/^.*?((ERROR|ASSERT): \[\d{3}\]:)/, "$1"), ...more].join(" ");
  }
  const at = lastIndex(lines, (l) => /archive command failed/.test(l));
  if (at < 0) return undefined;
  const detail = lines[at + 1]?.includes("DETAIL:") ? ` ${lines[at + 1]!.replace(/^.*DETAIL:\s*/, "")}` : "";
  return `${lines[at]!.replace(/^.*?LOG:\s*/, "")}${detail}`;
}

function lastIndex(lines: string[], match: (line: string) => boolean): number {
  for (let i = lines.length - 1; i >= 0; i--) if (match(lines[i]!)) return i;
  return -1;
}
