import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import type { AreaProps } from "../../app/areas";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../lib/api";
import { useExplainUi } from "./explain.store";
import { PlanCompare } from "./PlanCompare";
import { PlanViewer } from "./PlanViewer";

export interface ExplainPanelProps extends AreaProps {
  sql: string;
  analyze: boolean;
  database?: string;
  /** Run as soon as the panel opens or the statement changes (default true). */
  autoRun?: boolean;
  /** Server major version, when the host knows it: SERIALIZE and MEMORY need 17+. */
  serverVersionNum?: number;
}

const OPTION_LABELS: Array<[keyof ExplainOptions, string]> = [
  ["analyze", "ANALYZE"],
  ["buffers", "BUFFERS"],
  ["verbose", "VERBOSE"],
  ["settings", "SETTINGS"],
  ["wal", "WAL"],
  ["serialize", "SERIALIZE (17+)"],
  ["memory", "MEMORY (17+)"],
];

/** The plan viewer for one statement; the Query page embeds it. */
export function ExplainPanel({
  profileId,
  sql,
  analyze,
  database,
  autoRun = true,
  serverVersionNum,
}: ExplainPanelProps) {
  const [options, setOptions] = useState<ExplainOptions>({
    analyze,
    buffers: true,
    verbose: false,
    settings: false,
    wal: false,
  });
  const [timeoutSec, setTimeoutSec] = useState(60);
  const [comparing, setComparing] = useState(false);
  const { pinned, pin } = useExplainUi();
  const run = useMutation({
    mutationFn: (input: { sql: string; options: ExplainOptions; timeoutMs: number }) =>
      call("explain:run", { profileId, ...(database ? { database } : {}), ...input }),
  });
  const { mutate } = run;

  // Once per statement and mode, also under StrictMode's double effects: ANALYZE executes it.
  const lastAuto = useRef<string | null>(null);
  useEffect(() => {
    const key = `${profileId}\u0000${analyze}\u0000${sql}`;
    if (!autoRun || !sql.trim() || lastAuto.current === key) return;
    lastAuto.current = key;
    mutate({
      sql,
      options: { analyze, buffers: true, verbose: false, settings: false, wal: false },
      timeoutMs: 60_000,
    });
  }, [autoRun, profileId, analyze, sql, mutate]);

  const result = run.data;
  const setOption = (k: keyof ExplainOptions, v: boolean) => setOptions((o) => ({ ...o, [k]: v }));

  return (
    <section className="flex flex-col gap-3" data-testid="explain-panel">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        {OPTION_LABELS.map(([k, label]) => {
          const tooOld =
            (k === "serialize" || k === "memory") &&
            serverVersionNum !== undefined &&
            serverVersionNum < 170000;
          return (
            <label
              key={k}
              className={`flex items-center gap-1 ${tooOld ? "opacity-50" : ""}`}
              title={tooOld ? "Needs PostgreSQL 17 or newer" : undefined}
            >
              <input
                type="checkbox"
                checked={options[k] === true}
                disabled={tooOld}
                onChange={(e) => setOption(k, e.target.checked)}
                data-testid={`explain-option-${k}`}
              />
              {label}
            </label>
          );
        })}
        <label className="flex items-center gap-1">
          Timeout
          <input
            type="number"
            min={1}
            max={3600}
            value={timeoutSec}
            onChange={(e) => setTimeoutSec(Math.max(1, Number(e.target.value) || 60))}
            className="w-16 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
            data-testid="explain-timeout"
          />
          s
        </label>
        <Button
          variant="primary"
          disabled={run.isPending || !sql.trim()}
          onClick={() => run.mutate({ sql, options, timeoutMs: timeoutSec * 1000 })}
          data-testid="explain-run"
        >
          {run.isPending ? "Explaining…" : options.analyze ? "Explain analyze" : "Explain"}
        </Button>
        {result && (
          <Button
            onClick={() =>
              pin({ plan: result.plan, label: `${sql.slice(0, 60)} (${new Date().toLocaleTimeString()})` })
            }
            data-testid="explain-pin"
          >
            Pin for comparison
          </Button>
        )}
        {result && (
          <Button
            onClick={() => void navigator.clipboard?.writeText(JSON.stringify(result.raw, null, 2))}
            data-testid="explain-copy-json"
            title="For the Plans area, or to share"
          >
            Copy plan JSON
          </Button>
        )}
        {result && pinned && pinned.plan !== result.plan && (
          <Button onClick={() => setComparing((c) => !c)} data-testid="explain-compare">
            {comparing ? "Show plan" : "Compare with pinned"}
          </Button>
        )}
      </div>
      {options.analyze && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          data-testid="explain-analyze-note"
        >
          EXPLAIN ANALYZE executes the statement inside BEGIN … ROLLBACK. Row changes are undone; sequence
          increments, effects outside the database and session advisory locks are not.
        </p>
      )}
      {run.error && <ErrorMessage error={run.error} />}
      {run.isPending && <p className="text-sm text-slate-500">Running EXPLAIN…</p>}
      {result && (
        <>
          {result.warnings.length > 0 && (
            <details className="text-xs text-slate-600 dark:text-slate-400" data-testid="explain-warnings">
              <summary className="cursor-pointer">
                {result.rolledBack ? "Ran and rolled back" : "Plan only"}
                {result.readOnly ? " in a read-only transaction" : ""}: what a rollback does not undo
              </summary>
              <ul className="mt-1 list-disc pl-5">
                {result.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          <details className="text-xs text-slate-600 dark:text-slate-400">
            <summary className="cursor-pointer">Sent to the server</summary>
            <pre
              className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono dark:bg-slate-900"
              data-testid="explain-sent-sql"
            >
              {result.explainSql}
            </pre>
          </details>
          {comparing && pinned ? (
            <PlanCompare a={pinned.plan} b={result.plan} labelA="Pinned" labelB="Current" />
          ) : (
            <PlanViewer plan={result.plan} />
          )}
        </>
      )}
    </section>
  );
}
