import type { BackupSet, RecoverableWindow, RestorePoint, RestoreTarget } from "../contract/pitr";

/** An LSN ("16/B374D848") as a number of bytes. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split("/");
  if (hi === undefined || lo === undefined || !/^[0-9A-Fa-f]+$/.test(hi + lo))
    throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** The LSN just after the end of a WAL segment file (000000010000000000000003 → 0/4000000). */
export function segmentEndLsn(walFile: string, segmentBytes = 16 * 1024 * 1024): string {
  if (!/^[0-9A-F]{24}$/i.test(walFile)) throw new Error(`not a WAL segment name: ${walFile}`);
  const log = BigInt(`0x${walFile.slice(8, 16)}`);
  const seg = BigInt(`0x${walFile.slice(16, 24)}`);
  const perLog = 0x1_0000_0000n / BigInt(segmentBytes);
  const end = (log * perLog + seg + 1n) * BigInt(segmentBytes);
  return `${(end >> 32n).toString(16).toUpperCase()}/${(end & 0xffff_ffffn).toString(16).toUpperCase()}`;
}

/**
 * The recoverable window of each repository: from the stop of its oldest usable backup to
 * the newest archived WAL the server reports (pgBackRest's JSON has no time for it).
 */
export function recoverableWindows(backups: BackupSet[], lastArchivedAt: string | null): RecoverableWindow[] {
  const byRepo = new Map<number, BackupSet>();
  for (const b of backups) {
    if (b.checksumErrors && b.type === "full") continue;
    const seen = byRepo.get(b.repo);
    if (!seen || Date.parse(b.stoppedAt) < Date.parse(seen.stoppedAt)) byRepo.set(b.repo, b);
  }
  return [...byRepo.values()]
    .sort((a, b) => a.repo - b.repo)
    .map((b) => ({
      repo: b.repo,
      from: b.stoppedAt,
      fromLsn: b.lsnStop,
      oldestBackup: b.label,
      to: lastArchivedAt,
    }));
}

export interface TargetContext {
  windows: RecoverableWindow[];
  /** The repository the user chose, if any. */
  repo?: number | undefined;
  /** Restore points pgdesk created (name, LSN, time). */
  restorePoints: RestorePoint[];
  /** End of the newest archived segment, when known. */
  archivedUpToLsn?: string | null | undefined;
}

export type TargetCheck = { ok: true; repo: number; notes: string[] } | { ok: false; reason: string };

const refuse = (reason: string): TargetCheck => ({ ok: false, reason });

/** Whether a target can be reached from the backups and archived WAL; refused before any work when not. */
export function checkTarget(target: RestoreTarget, c: TargetContext): TargetCheck {
  const windows = c.repo === undefined ? c.windows : c.windows.filter((w) => w.repo === c.repo);
  if (windows.length === 0)
    return refuse(
      c.repo === undefined
        ? "There is no backup set to restore from: take a full backup first."
        : `Repository ${c.repo} holds no backup set.`,
    );
  switch (target.kind) {
    case "latest":
      return { ok: true, repo: windows[0]!.repo, notes: [] };
    case "time":
      return checkTime(new Date(normalizeTime(target.time)), windows);
    case "lsn":
      return checkLsn(target.lsn, windows, c.archivedUpToLsn);
    case "name":
      return checkName(target.name, windows, c);
  }
}

/** "2026-12-07 14:04:00+00" → a string Date.parse accepts. */
export function normalizeTime(time: string): string {
  const t = time.trim().replace(" ", "T");
  return /[+-]\d{2}$/.test(t) ? `${t}:00` : t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
}

function checkTime(at: Date, windows: RecoverableWindow[]): TargetCheck {
  if (Number.isNaN(at.getTime())) return refuse("The time is not a valid date.");
  const oldest = earliest(windows);
  if (at.getTime() <= Date.parse(oldest.from))
    return refuse(
      `${at.toISOString()} is before the end of the oldest backup (${oldest.oldestBackup}, repository ${oldest.repo}, stopped ${oldest.from}): a restore can only replay WAL forward from a backup.`,
    );
  const inside = windows.find((w) => at.getTime() > Date.parse(w.from));
  const to = inside!.to;
  if (to === null)
    return refuse("The server reports no archived WAL, so no moment after the backup can be reached.");
  if (at.getTime() > Date.parse(to))
    return refuse(
      `${at.toISOString()} is after the newest archived WAL (archived at ${to}): later WAL has not reached the repository yet. Archive it (SELECT pg_switch_wal()) and try again, or pick an earlier moment.`,
    );
  return { ok: true, repo: inside!.repo, notes: [] };
}

function checkLsn(lsn: string, windows: RecoverableWindow[], upTo: string | null | undefined): TargetCheck {
  const value = lsnValue(lsn);
  const usable = windows.filter((w) => w.fromLsn === null || value >= lsnValue(w.fromLsn));
  if (usable.length === 0) {
    const oldest = earliest(windows);
    return refuse(
      `LSN ${lsn} is before the end of the oldest backup (${oldest.oldestBackup}, which ends at ${oldest.fromLsn}).`,
    );
  }
  if (upTo && value > lsnValue(upTo))
    return refuse(
      `LSN ${lsn} is beyond the newest archived WAL (archived up to ${upTo}). Archive it (SELECT pg_switch_wal()) and try again.`,
    );
  return { ok: true, repo: usable[0]!.repo, notes: [] };
}

function checkName(name: string, windows: RecoverableWindow[], c: TargetContext): TargetCheck {
  const known = c.restorePoints.filter((p) => p.name === name).at(-1);
  if (!known)
    return {
      ok: true,
      repo: windows[0]!.repo,
      notes: [
        `pgdesk did not create a restore point named "${name}", so it cannot check it in advance; if the archived WAL holds none, recovery ends without reaching it and the restore is reported failed.`,
      ],
    };
  const inTime = checkTime(new Date(known.createdAt), windows);
  if (!inTime.ok) return refuse(`Restore point "${name}" (created ${known.createdAt}): ${inTime.reason}`);
  return checkLsn(known.lsn, windows, c.archivedUpToLsn);
}

function earliest(windows: RecoverableWindow[]): RecoverableWindow {
  return windows.reduce((a, b) => (Date.parse(b.from) < Date.parse(a.from) ? b : a));
}
