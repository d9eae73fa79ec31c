import { randomBytes } from "node:crypto";
import { AppError } from "../../../shared/contract";
import type { BackupSet, RestorePoint, RestoreTarget } from "../../../shared/contract/pitr";
import {
  checkTarget,
  lsnValue,
  normalizeTime,
  recoverableWindows,
  segmentEndLsn,
} from "../../../shared/pitr/recovery-window.model";
import type { ParsedStanza } from "../../db/pgbackrest.info";
import type { ArchivingReading } from "./archiving.reader";

export interface RestorePlan {
  target: RestoreTarget;
  repo: number;
  /** The backup set to start from; undefined lets pgBackRest take the newest. */
  set: string | undefined;
  notes: string[];
  /** The folder name of the copy under restoreRoot. */
  copyName: string;
  major: string;
}

/**
 * Checks the target against the recoverable window (before any work starts) and picks
 * the backup set to replay from: the newest one that ends before the target.
 */
export function planRestore(
  stanza: ParsedStanza,
  reading: ArchivingReading | null,
  target: RestoreTarget,
  repo: number | undefined,
  restorePoints: RestorePoint[],
  now = new Date(),
): RestorePlan {
  const usable = stanza.backups.filter((b) => !(b.checksumErrors && b.type === "full"));
  const notes: string[] = [];
  // with the server down (the usual reason to restore) the window's end cannot be read
  const lastArchived = reading ? reading.status.lastArchivedAt : now.toISOString();
  if (!reading)
    notes.push(
      "The server could not be asked for its newest archived WAL; the end of the window was not checked.",
    );
  const last = reading?.status.lastArchivedWal;
  const check = checkTarget(target, {
    windows: recoverableWindows(usable, lastArchived),
    repo,
    restorePoints,
    archivedUpToLsn: last && reading ? segmentEndLsn(last, reading.segmentBytes) : null,
  });
  if (!check.ok)
    throw new AppError("VALIDATION", `Refused before any work: ${check.reason}`, { field: "target" });
  const major = stanza.pgVersion;
  if (!major)
    throw new AppError("CONFLICT", `pgbackrest info names no PostgreSQL version for stanza ${stanza.name}.`);
  const inRepo = usable.filter((b) => b.repo === check.repo);
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  return {
    target,
    repo: check.repo,
    set: chooseSet(inRepo, target, restorePoints),
    notes: [...notes, ...check.notes],
    copyName: `${stanza.name}-restore-${stamp}-${randomBytes(3).toString("hex")}`,
    major,
  };
}

function chooseSet(backups: BackupSet[], target: RestoreTarget, points: RestorePoint[]): string | undefined {
  const byStop = [...backups].sort((a, b) => Date.parse(a.stoppedAt) - Date.parse(b.stoppedAt));
  const beforeLsn = (lsn: string) =>
    byStop.filter((b) => b.lsnStop !== null && lsnValue(b.lsnStop) <= lsnValue(lsn)).at(-1)?.label;
  switch (target.kind) {
    case "latest":
      return undefined;
    case "time": {
      const at = Date.parse(normalizeTime(target.time));
      return byStop.filter((b) => Date.parse(b.stoppedAt) < at).at(-1)?.label;
    }
    case "lsn":
      return beforeLsn(target.lsn);
    case "name": {
      const known = points.filter((p) => p.name === target.name).at(-1);
      // a name pgdesk does not know could be anywhere in the window: replay from the oldest set
      return known ? beforeLsn(known.lsn) : byStop[0]?.label;
    }
  }
}

/** pgbackrest restore options for the plan, into a new data directory that never archives. */
export function restoreOptions(plan: RestorePlan, dataDir: string, tablespaces: string): string[] {
  const target: string[] = (() => {
    switch (plan.target.kind) {
      case "latest":
        return ["--type=default"];
      case "time":
        return ["--type=time", `--target=${plan.target.time}`, "--target-action=promote"];
      case "lsn":
        return ["--type=lsn", `--target=${plan.target.lsn}`, "--target-action=promote"];
      case "name":
        return ["--type=name", `--target=${plan.target.name}`, "--target-action=promote"];
    }
  })();
  return [
    `--pg1-path=${dataDir}`,
    `--tablespace-map-all=${tablespaces}`,
    "--archive-mode=off",
    `--repo=${plan.repo}`,
    ...(plan.set ? [`--set=${plan.set}`] : []),
    ...target,
    "--log-level-console=detail",
  ];
}

/** "to 2026-12-07 14:04:00+00", "to restore point before-migration", … */
export function targetLabel(t: RestoreTarget): string {
  switch (t.kind) {
    case "latest":
      return "latest";
    case "time":
      return t.time;
    case "lsn":
      return `LSN ${t.lsn}`;
    case "name":
      return `restore point ${t.name}`;
  }
}
