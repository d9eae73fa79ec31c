import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { HealthSample } from "../../../../../shared/contract/health";
import { count } from "../../../../../shared/format/plural";

interface Series {
  key: string;
  label: string;
  color: string;
}

const time = (at: string) => new Date(at).toLocaleTimeString();

function Chart({
  title,
  data,
  series,
  stacked,
  testId,
}: {
  title: string;
  data: Array<Record<string, number | string>>;
  series: Series[];
  stacked?: boolean;
  testId: string;
}) {
  return (
    <figure
      className="rounded border border-slate-200 p-2 dark:border-slate-800"
      data-testid={testId}
      data-points={data.length}
    >
      <figcaption className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">{title}</figcaption>
      <div className="h-40">
        <ResponsiveContainer width="100%" height="100%">
          {stacked ? (
            <AreaChart data={data}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis dataKey="t" tick={{ fontSize: 10 }} minTickGap={40} />
              <YAxis tick={{ fontSize: 10 }} width={40} allowDecimals={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 10 }} />
              {series.map((s) => (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stackId="1"
                  stroke={s.color}
                  fill={s.color}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          ) : (
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
              <XAxis dataKey="t" tick={{ fontSize: 10 }} minTickGap={40} />
              <YAxis tick={{ fontSize: 10 }} width={40} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 10 }} />
              {series.map((s) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Transactions, tuples, blocks and sessions over time (rates per second from counter deltas). */
export function LiveCharts({ samples }: { samples: HealthSample[] }) {
  const data = samples.map((s) => ({
    t: time(s.at),
    commits: round(s.commitsPerSec),
    rollbacks: round(s.rollbacksPerSec),
    tin: round(s.tuplesInPerSec),
    tout: round(s.tuplesOutPerSec),
    read: round(s.blocksReadPerSec),
    hit: round(s.blocksHitPerSec),
    ...s.sessions,
  }));
  const last = samples[samples.length - 1];
  return (
    <section
      className="flex flex-col gap-2"
      data-testid="live-charts"
      data-samples={samples.length}
      data-last-at={last?.at ?? ""}
    >
      <h2 className="text-sm font-semibold">Live ({count(samples.length, "sample")})</h2>
      {samples.length === 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">Waiting for the first samples…</p>
      )}
      <div className="grid grid-cols-1 gap-2 lg:grid-cols-2">
        <Chart
          testId="chart-transactions"
          title="Transactions / s"
          data={data}
          series={[
            { key: "commits", label: "commits", color: "#2563eb" },
            { key: "rollbacks", label: "rollbacks", color: "#dc2626" },
          ]}
        />
        <Chart
          testId="chart-tuples"
          title="Tuples / s"
          data={data}
          series={[
            { key: "tin", label: "written (ins+upd+del)", color: "#16a34a" },
            { key: "tout", label: "read (returned+fetched)", color: "#9333ea" },
          ]}
        />
        <Chart
          testId="chart-blocks"
          title="Blocks / s"
          data={data}
          series={[
            { key: "hit", label: "hit", color: "#0891b2" },
            { key: "read", label: "read", color: "#ea580c" },
          ]}
        />
        <Chart
          testId="chart-sessions"
          title="Sessions by state"
          stacked
          data={data}
          series={[
            { key: "active", label: "active", color: "#2563eb" },
            { key: "waiting", label: "waiting on lock", color: "#dc2626" },
            { key: "idleInTransaction", label: "idle in transaction", color: "#f59e0b" },
            { key: "idle", label: "idle", color: "#94a3b8" },
          ]}
        />
      </div>
    </section>
  );
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
