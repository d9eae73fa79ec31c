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

/**
 * How a listed backup was verified: "missing" when its file is gone; "verified" only after a
 * full read and, if a test restore ran, without a row-count mismatch.
 */
export function verificationLabel(entry: ManifestEntry & { present: boolean }): string {
  if (!entry.present) return "missing";
  const v = entry.verification;
  const verified = v.fullRead && (!v.testRestore || v.testRestore.mismatches.length === 0);
  return verified ? `verified${v.testRestore ? " + test restore" : ""}` : "not verified";
}
