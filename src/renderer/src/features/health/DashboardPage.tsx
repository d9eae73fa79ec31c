import { useState } from "react";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CheckCard } from "./components/CheckCard";
import { InstallStatementsButton } from "./components/InstallStatementsButton";
import { LiveCharts } from "./components/LiveCharts";
import { StatusBadge } from "./components/StatusBadge";
import { ThresholdsPanel } from "./components/ThresholdsPanel";
import { intervalLabel, offersStatementsInstall, sortChecks } from "./health.model";
import { useHealthReport, useLiveSamples, useRefreshHealthReport } from "./health.queries";

const CHART_INTERVALS = [1_000, 5_000, 15_000, 60_000];
const REPORT_INTERVALS = [10_000, 30_000, 60_000, 300_000];

/** The DBA's home screen: overall status, every check with its advice, live charts. */
export function DashboardPage({ profileId }: AreaProps) {
  const [chartMs, setChartMs] = useState(5_000);
  const [reportMs, setReportMs] = useState(30_000);
  const report = useHealthReport(profileId, reportMs);
  const samples = useLiveSamples(profileId, chartMs);
  const refresh = useRefreshHealthReport(profileId);
  const r = report.data;
  const checks = r ? sortChecks(r.checks) : [];
  return (
    <section className="flex flex-col gap-4" data-testid="dashboard">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Health</h1>
        {r && <StatusBadge status={r.status} testId="health-status" />}
        {r && (
          <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="health-generated">
            {r.role} · {r.database ?? "unreachable"} · {new Date(r.generatedAt).toLocaleTimeString()} ·{" "}
            {Math.round(r.durationMs)} ms
            {r.errorCount > 0
              ? ` · ${r.errorCount} ${r.errorCount === 1 ? "check" : "checks"} could not run`
              : ""}
          </span>
        )}
        <Button onClick={refresh} disabled={report.isFetching} data-testid="health-refresh">
          {report.isFetching ? "Checking…" : "Refresh"}
        </Button>
        <IntervalSelect
          label="Charts every"
          value={chartMs}
          options={CHART_INTERVALS}
          onChange={setChartMs}
        />
        <IntervalSelect
          label="Report every"
          value={reportMs}
          options={REPORT_INTERVALS}
          onChange={setReportMs}
        />
      </header>
      {report.error && <ErrorMessage error={report.error} />}
      <LiveCharts samples={samples} />
      {!r && !report.error && (
        <p className="text-sm text-slate-600 dark:text-slate-400">Running the health checks…</p>
      )}
      {r && (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="health-checks">
          {checks.map((c) => (
            <CheckCard
              key={c.id}
              check={c}
              extra={
                offersStatementsInstall(c) ? <InstallStatementsButton profileId={profileId} /> : undefined
              }
            />
          ))}
        </div>
      )}
      <ThresholdsPanel profileId={profileId} />
    </section>
  );
}

function IntervalSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: number;
  options: number[];
  onChange(v: number): void;
}) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      {label}
      <select
        className="rounded border border-slate-300 px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {intervalLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
