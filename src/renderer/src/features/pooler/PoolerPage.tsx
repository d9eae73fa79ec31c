import { useState } from "react";
import type { PoolerCheck, PoolerOverview } from "../../../../shared/contract/pooler";
import type { AreaProps } from "../../lib/area";
import { ErrorMessage } from "../../components/ErrorMessage";
import { CommandBar } from "./components/CommandBar";
import { ConsoleTableView } from "./components/ConsoleTableView";
import { usePoolerOverview } from "./pooler.queries";

const TABS = ["pools", "clients", "servers", "stats", "databases", "config"] as const;

const checkStyle: Record<PoolerCheck["severity"], string> = {
  ok: "text-emerald-800 dark:text-emerald-300",
  warn: "text-amber-800 dark:text-amber-300",
  critical: "text-red-800 dark:text-red-300 font-semibold",
  unknown: "text-slate-600 dark:text-slate-400",
};

/** A PgBouncer profile: saturation first, then every SHOW table, and the pause/resume/reload commands. */
export function PoolerPage({ profileId }: AreaProps) {
  const overview = usePoolerOverview(profileId);
  const [tab, setTab] = useState<(typeof TABS)[number]>("pools");
  if (!overview.data)
    return overview.error ? (
      <ErrorMessage error={overview.error} />
    ) : (
      <p className="text-sm text-slate-600 dark:text-slate-400">Asking PgBouncer…</p>
    );
  const o = overview.data;
  return (
    <section className="flex flex-col gap-4" data-testid="pooler-page">
      <h1 className="text-xl font-semibold">{o.version}</h1>
      <Totals o={o} />
      <ul className="flex flex-col gap-1 text-sm" data-testid="pooler-checks">
        {o.checks.map((c, i) => (
          <li
            key={i}
            data-testid="pooler-check"
            data-id={c.id}
            data-severity={c.severity}
            className={checkStyle[c.severity]}
          >
            {c.severity}: {c.subject ? `${c.subject}: ` : ""}
            {c.message}
          </li>
        ))}
      </ul>
      <CommandBar profileId={profileId} databases={databaseNames(o)} />
      <ErrorMessage error={overview.error} />
      <div className="flex gap-1" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            data-testid={`pooler-tab-${t}`}
            aria-selected={t === tab}
            onClick={() => setTab(t)}
            className="rounded px-2 py-1 text-sm aria-selected:bg-blue-600 aria-selected:text-white"
          >
            {t}
          </button>
        ))}
      </div>
      <ConsoleTableView table={o[tab]} testId={`pooler-table-${tab}`} />
    </section>
  );
}

function Totals({ o }: { o: PoolerOverview }) {
  const t = o.totals;
  const items: Array<[string, string, string]> = [
    ["clients active", String(t.clientsActive), "pooler-clients-active"],
    ["clients waiting", String(t.clientsWaiting), "pooler-clients-waiting"],
    ["longest wait", `${t.maxWaitSeconds.toFixed(1)} s`, "pooler-maxwait"],
    ["server connections busy", String(t.serversActive), "pooler-servers-active"],
    ["idle", String(t.serversIdle), "pooler-servers-idle"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
      {items.map(([label, value, id]) => (
        <div key={id} className="rounded border border-slate-200 p-3 dark:border-slate-800">
          <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
          <dd className="mt-1 font-medium tabular-nums" data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function databaseNames(o: PoolerOverview): string[] {
  const at = o.databases.columns.indexOf("name");
  return o.databases.rows.map((r) => r[at] ?? "").filter((n) => n && n !== "pgbouncer");
}
