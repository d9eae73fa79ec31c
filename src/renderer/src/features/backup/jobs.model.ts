import type { Job, ManifestEntry } from "../../../../shared/contract/backup";

const ACTIVE = new Set<Job["state"]>(["queued", "running", "verifying"]);

/** A job that can still be cancelled and may still finish. */
export const isActiveJob = (job: Job) => ACTIVE.has(job.state);

/** Done tables out of all, as a whole percent; a succeeded job is 100 whatever it counted. */
export function jobPercent(job: Job): number {
  if (job.state === "succeeded") return 100;
  const p = job.progress;
  return p.tablesTotal > 0 ? Math.round((p.tablesDone / p.tablesTotal) * 100) : 0;
}

export type JobTone = "failed" | "cancelled" | "succeeded" | "running";

export function jobTone(job: Job): JobTone {
  return job.state === "failed" || job.state === "cancelled" || job.state === "succeeded"
    ? job.state
    : "running";
}

export type Verification =
  | { state: "missing" }
  | { state: "unverified" }
  | { state: "verified"; at: string; testRestore: boolean }
  | { state: "failed"; at: string; reason: string };

/**
 * Where a listed backup stands: the last re-check decides when there is one (a damaged
 * archive is "failed" whatever its run found); else the run's own checks, "verified" only
 * after a full read and, if a test restore ran, without a row-count mismatch.
 */
export function verificationOf(entry: ManifestEntry & { present: boolean }): Verification {
  if (!entry.present) return { state: "missing" };
  const v = entry.verification;
  if (v.lastCheck)
    return v.lastCheck.ok
      ? { state: "verified", at: v.lastCheck.at, testRestore: false }
      : { state: "failed", at: v.lastCheck.at, reason: v.lastCheck.problems.join("; ") };
  const verified = v.fullRead && (!v.testRestore || v.testRestore.mismatches.length === 0);
  return verified
    ? { state: "verified", at: entry.createdAt, testRestore: Boolean(v.testRestore) }
    : { state: "unverified" };
}

/** "verified at …", "failed at …: reason", "unverified" or "missing". */
export function verificationLabel(
  entry: ManifestEntry & { present: boolean },
  time: (iso: string) => string = (iso) => new Date(iso).toLocaleString(),
): string {
  const v = verificationOf(entry);
  if (v.state === "verified") return `verified at ${time(v.at)}${v.testRestore ? " + test restore" : ""}`;
  if (v.state === "failed") return `failed at ${time(v.at)}: ${v.reason}`;
  return v.state;
}
