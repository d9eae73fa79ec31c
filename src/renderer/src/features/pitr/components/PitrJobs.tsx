import { useState } from "react";
import type { PitrJob } from "../../../../../shared/contract/pitr";
import { useUi } from "../../../app/ui.store";
import { Button } from "../../../components/Button";
import { usePitrJobs, useCancelPitrJob } from "../pitr.queries";

const ACTIVE = new Set(["queued", "running"]);

/** Backups and restores of this run: phase, progress, cancel, log, and the restored copy's profile. */
export function PitrJobs({ profileId }: { profileId: string }) {
  const jobs = usePitrJobs(profileId);
  const mine = (jobs.data ?? []).filter((j) => j.profileId === profileId);
  if (!mine.length) return null;
  return (
    <section className="flex flex-col gap-2" data-testid="pitr-jobs">
      <h2 className="font-semibold">Jobs</h2>
      {mine.map((j) => (
        <JobRow key={j.id} job={j} />
      ))}
    </section>
  );
}

function describe(job: PitrJob): string {
  if (job.backup)
    return `${job.backup.type} backup${job.backup.repo ? ` to repository ${job.backup.repo}` : ""}${job.backup.label ? `: ${job.backup.label}` : ""}`;
  const t = job.restore!.target;
  const to =
    t.kind === "time"
      ? t.time
      : t.kind === "name"
        ? `restore point ${t.name}`
        : t.kind === "lsn"
          ? `LSN ${t.lsn}`
          : "the newest state";
  return `restore to ${to}${job.restore!.port ? ` on port ${job.restore!.port}` : ""}`;
}

function JobRow({ job }: { job: PitrJob }) {
  const [showLog, setShowLog] = useState(false);
  const cancel = useCancelPitrJob();
  const openProfile = useUi((s) => s.openProfile);
  const openArea = useUi((s) => s.openArea);
  // the copy is another server: show it from its Overview, not from this page (which is the source's)
  const openCopy = (id: string) => {
    openProfile(id);
    openArea("overview");
  };
  const percent = job.state === "succeeded" ? 100 : (job.percent ?? 0);
  const restored = job.restore?.restoredProfileId;
  return (
    <div
      className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="pitr-job"
      data-job-kind={job.kind}
      data-job-state={job.state}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span>
          <span className="font-medium">{describe(job)}</span> ·{" "}
          <span data-testid="pitr-job-state">{job.state}</span>
          {job.phase !== job.state && ` · ${job.phase}`}
        </span>
        <span className="flex gap-2">
          {ACTIVE.has(job.state) && (
            <Button variant="danger" onClick={() => cancel.mutate(job.id)} data-testid="pitr-job-cancel">
              Cancel
            </Button>
          )}
          {restored && job.state === "succeeded" && (
            <Button variant="primary" onClick={() => openCopy(restored)} data-testid="pitr-open-copy">
              Open the restored copy
            </Button>
          )}
          <Button onClick={() => setShowLog(!showLog)}>{showLog ? "Hide log" : "Log"}</Button>
        </span>
      </div>
      <div
        className="mt-2 h-2 w-full rounded bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
      >
        <div
          className={`h-2 rounded ${job.state === "failed" ? "bg-red-600" : job.state === "succeeded" ? "bg-green-600" : "bg-blue-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      {job.restore?.writableAfterMs !== undefined && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          writable after {(job.restore.writableAfterMs / 1000).toFixed(1)} s · {job.restore.dataDir}
        </p>
      )}
      {job.error && (
        <p className="mt-1 whitespace-pre-wrap text-red-700 dark:text-red-300" data-testid="pitr-job-error">
          {job.error.message}
        </p>
      )}
      {showLog && (
        <pre className="mt-2 max-h-60 overflow-auto text-xs whitespace-pre-wrap">{job.log.join("\n")}</pre>
      )}
    </div>
  );
}
