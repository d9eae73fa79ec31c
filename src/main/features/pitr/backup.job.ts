import type { BackupType } from "../../../shared/contract/pitr";
import { backrestErrors, backrestFailure, runBackRest, type BackRestTarget } from "../../db/pgbackrest.cli";
import type { PitrJobHandle } from "./pitr.jobs";
import { stanzaInfo } from "./pitr-info.service";

/** Backups and restores run until done or cancelled; this only guards against a hung child. */
export const LONG_COMMAND_MS = 24 * 3600 * 1000;

/** "… (16MB, 45.23%) checksum …" at detail level: pgBackRest's overall progress. */
export function progressOf(line: string): number | null {
  const m = /\(\d+(?:\.\d+)?[KMGT]?B?, (\d+(?:\.\d+)?)%\)/.exec(line);
  return m ? Math.min(100, Number(m[1])) : null;
}

/**
 * `pgbackrest backup --type=<type> [--repo=N]` as the data directory's owner, progress
 * from its detail lines; the new set is read back from info and named in the job.
 */
export async function runBackupJob(
  t: BackRestTarget,
  type: BackupType,
  repo: number | undefined,
  job: PitrJobHandle,
): Promise<void> {
  const before = new Set((await stanzaInfo(t, job.signal)).backups.map((b) => `${b.repo}:${b.label}`));
  job.phase(`copying files (${type} backup)`, 0);
  const options = [`--type=${type}`, "--log-level-console=detail", ...(repo ? [`--repo=${repo}`] : [])];
  const onLine = (line: string) => {
    const pct = progressOf(line);
    if (pct !== null) job.phase(`copying files (${type} backup)`, pct);
    else if (/INFO:|WARN:|ERROR:/.test(line)) job.log(line.replace(/^\S+ \S+ P\d+ +/, ""));
  };
  const r = await runBackRest(t, "backup", options, {
    timeoutMs: LONG_COMMAND_MS,
    signal: job.signal,
    onStdoutLine: onLine,
    onStderrLine: onLine,
  });
  if (r.code !== 0 || r.timedOut) {
    for (const e of backrestErrors(r.stderr + r.stdout)) job.log(e);
    throw backrestFailure("backup", r, LONG_COMMAND_MS);
  }
  job.phase("reading the new backup set", 100);
  const after = (await stanzaInfo(t, job.signal)).backups.filter((b) => !before.has(`${b.repo}:${b.label}`));
  const made = after.at(-1);
  if (made) {
    job.update({ backup: { type, repo: made.repo, label: made.label } });
    job.log(`backup set ${made.label} (${made.type}) in repository ${made.repo}`);
  }
}
