import { useState } from "react";
import type { Job } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { formatBytes, formatDuration } from "../../components/format";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useCancelJob, useJobs } from "./backup.queries";
import { isActiveJob, jobPercent, jobTone, type JobTone } from "./jobs.model";

const TONES: Record<JobTone, string> = {
  failed: "bg-red-600",
  cancelled: "bg-slate-400",
  succeeded: "bg-green-600",
  running: "bg-blue-600",
};

/** Background backup and restore jobs of this run, with progress, cancel and logs. */
export function JobsPanel() {
  const jobs = useJobs();
  if (!jobs.data?.length) return null;
  return (
    <section className="flex flex-col gap-2" data-testid="jobs-panel">
      <h2 className="font-semibold">Jobs</h2>
      {jobs.data.map((job) => (
        <JobRow key={job.id} job={job} />
      ))}
    </section>
  );
}

function JobRow({ job }: { job: Job }) {
  const [showLog, setShowLog] = useState(false);
  const cancel = useCancelJob();
  const p = job.progress;
  const percent = jobPercent(job);
  const tone = TONES[jobTone(job)];
  return (
    <div
      className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="job-row"
      data-job-kind={job.kind}
      data-job-state={job.state}
    >
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <span className="font-medium">{job.kind === "backup" ? "Backup" : "Restore"}</span> ·{" "}
          <span>{job.database}</span> · <span className="font-mono text-xs">{job.file}</span>
        </div>
        <div className="flex items-center gap-2">
          <span data-testid="job-state">{job.state}</span>
          {isActiveJob(job) && (
            <Button variant="danger" onClick={() => cancel.mutate(job.id)} data-testid="job-cancel">
              Cancel
            </Button>
          )}
          <Button onClick={() => setShowLog(!showLog)}>{showLog ? "Hide log" : "Log"}</Button>
        </div>
      </div>
      <div
        className="mt-2 h-2 w-full rounded bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="job-progress"
      >
        <div className={`h-2 rounded ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <div className="mt-1 flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400">
        <span>{p.phase}</span>
        <span>
          tables {p.tablesDone} / {p.tablesTotal}
        </span>
        {job.kind === "backup" && <span>{formatBytes(p.bytes)} written</span>}
        <span>elapsed {formatDuration(p.elapsedMs / 1000)}</span>
        {p.etaMs !== null && isActiveJob(job) && <span>about {formatDuration(p.etaMs / 1000)} left</span>}
      </div>
      {job.error && (
        <p className="mt-1 whitespace-pre-wrap text-red-700 dark:text-red-300" data-testid="job-error">
          {job.error.message}
        </p>
      )}
      {cancel.error && <ErrorMessage error={cancel.error} />}
      {showLog && (
        <pre
          className="mt-2 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
          data-testid="job-log"
        >
          {job.log.join("\n")}
        </pre>
      )}
    </div>
  );
}
