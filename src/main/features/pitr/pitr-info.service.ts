import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { ArchivingStatus, PitrInfo } from "../../../shared/contract/pitr";
import { recoverableWindows } from "../../../shared/pitr/recovery-window.model";
import { backrestFailure, runBackRest, type BackRestTarget } from "../../db/pgbackrest.cli";
import { parseBackRestInfo, type ParsedStanza } from "../../db/pgbackrest.info";
import { sql } from "../../db/sql";
import type { HealthThresholds } from "../../../shared/contract/health";
import { readArchiving, type ArchivingReading } from "./archiving.reader";

/** `pgbackrest info --output=json` for the target's stanza (stdout is pure JSON). */
export async function stanzaInfo(t: BackRestTarget, signal?: AbortSignal): Promise<ParsedStanza> {
  const r = await runBackRest(t, "info", ["--output=json"], { signal });
  if (r.code !== 0 || r.timedOut) throw backrestFailure("info", r, t.timeoutMs);
  const stanza = parseBackRestInfo(r.stdout).find((s) => s.name === t.stanza);
  if (!stanza) throw new AppError("NOT_FOUND", `pgbackrest info does not list stanza ${t.stanza}.`);
  return stanza;
}

/** Archiving over a plain pooled connection, in a read-only transaction with a statement timeout. */
export async function archivingOverPool(pool: pg.Pool, t: HealthThresholds): Promise<ArchivingReading> {
  const client = await pool.connect();
  try {
    await client.query(
      sql`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.round(t.statementTimeoutMs)}`,
    );
    const reading = await readArchiving(async (text, values) => (await client.query(text, values)).rows, {
      stallWarnSec: t.archiveStallWarnSec,
      stallFailSec: t.archiveStallFailSec,
    });
    await client.query("COMMIT");
    return reading;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

const STATUS_NOTE =
  'pgBackRest\'s status "ok" says the repository can be read; it does not say that archiving works now (see WAL archiving) nor that the archived WAL has no gap.';

/** Backup sets, repositories, the window per repository and the server's archiving, as the page shows them. */
export function composeInfo(
  stanza: ParsedStanza,
  reading: ArchivingReading | null,
  archivingError?: string,
): PitrInfo {
  const archiving: ArchivingStatus | null = reading?.status ?? null;
  const notes = [STATUS_NOTE];
  if (!reading)
    notes.push(
      `The newest archived WAL could not be read from the server${archivingError ? ` (${archivingError})` : ""}, so the window has no end.`,
    );
  else if (archiving && archiving.state !== "ok" && archiving.state !== "idle")
    notes.push(`WAL archiving is ${archiving.state}: ${archiving.summary}`);
  return {
    stanza: stanza.name,
    status: stanza.status,
    backupRunning: stanza.backupRunning,
    repos: stanza.repos,
    backups: stanza.backups,
    windows: recoverableWindows(stanza.backups, archiving?.lastArchivedAt ?? null),
    archiving,
    serverTimeZone: reading?.timeZone ?? "unknown",
    notes,
  };
}
