import { useQueryClient } from "@tanstack/react-query";
import type { AreaProps } from "../../app/areas";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CheckCard } from "./components/CheckCard";
import { LiveCharts } from "./components/LiveCharts";
import { StatusBadge } from "./components/StatusBadge";
import { ThresholdsPanel } from "./components/ThresholdsPanel";
import { healthKeys, useHealthReport, useLiveSamples } from "./health.queries";

const ORDER = { fail: 0, warn: 1, error: 2, pass: 3 } as const;

/** The DBA's home screen: overall status, every check with its advice, live charts. */
export function DashboardPage({ profileId }: AreaProps) {
  const report = useHealthReport(profileId);
  const samples = useLiveSamples(profileId);
  const queryClient = useQueryClient();
  const r = report.data;
  const checks = r ? [...r.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]) : [];
  return (
    <section className="flex flex-col gap-4" data-testid="dashboard">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Health</h1>
        {r && <StatusBadge status={r.status} testId="health-status" />}
        {r && (
          <span className="text-xs text-slate-500" data-testid="health-generated">
            {r.role} · {r.database ?? "unreachable"} · {new Date(r.generatedAt).toLocaleTimeString()} · {Math.round(r.durationMs)} ms
            {r.errorCount > 0 ? ` · ${r.errorCount} ${r.errorCount === 1 ? "check" : "checks"} could not run` : ""}
          </span>
        )}
        <Button
          onClick={() => void queryClient.invalidateQueries({ queryKey: healthKeys.report(profileId) })}
          disabled={report.isFetching}
          data-testid="health-refresh"
        >
          {report.isFetching ? "Checking…" : "Refresh"}
        </Button>
      </header>
      {report.error && <ErrorMessage error={report.error} />}
      <LiveCharts samples={samples} />
      {!r && !report.error && <p className="text-sm text-slate-500">Running the health checks…</p>}
      {r && (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="health-checks">
          {checks.map((c) => <CheckCard key={c.id} check={c} />)}
        </div>
      )}
      <ThresholdsPanel profileId={profileId} />
    </section>
  );
}
