import { useEffect, useRef, useState } from "react";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import {
  autoRunKey,
  DEFAULT_EXPLAIN_TIMEOUT_S,
  defaultExplainOptions,
  needsNewerServer,
  timeoutSeconds,
} from "./explain-options.model";
import { useExplain, type ExplainRequest } from "./explain.queries";
import { ExplainResultView, ResultActions } from "./ExplainResultView";

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
  const [options, setOptions] = useState<ExplainOptions>(() => defaultExplainOptions(analyze));
  const [timeoutSec, setTimeoutSec] = useState(DEFAULT_EXPLAIN_TIMEOUT_S);
  const [comparing, setComparing] = useState(false);
  const run = useExplain(profileId, database);
  useAutoExplain(run.mutate, { profileId, sql, analyze, enabled: autoRun });
  const result = run.data;

  return (
    <section className="flex flex-col gap-3" data-testid="explain-panel">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <OptionBoxes options={options} onChange={setOptions} serverVersionNum={serverVersionNum} />
        <label className="flex items-center gap-1">
          Timeout
          <input
            type="number"
            min={1}
            max={3600}
            value={timeoutSec}
            onChange={(e) => setTimeoutSec(timeoutSeconds(e.target.value))}
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
          <ResultActions
            result={result}
            sql={sql}
            comparing={comparing}
            onCompare={() => setComparing((c) => !c)}
          />
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
      {run.isPending && <p className="text-sm text-slate-600 dark:text-slate-400">Running EXPLAIN…</p>}
      {result && <ExplainResultView result={result} comparing={comparing} />}
    </section>
  );
}

/**
 * Explains the statement as soon as the panel shows it, once per statement and mode, also
 * under StrictMode's double effects: ANALYZE executes it.
 */
function useAutoExplain(
  explain: (request: ExplainRequest) => void,
  {
    profileId,
    sql,
    analyze,
    enabled,
  }: { profileId: string; sql: string; analyze: boolean; enabled: boolean },
) {
  const lastAuto = useRef<string | null>(null);
  useEffect(() => {
    const key = autoRunKey(profileId, analyze, sql);
    if (!enabled || !sql.trim() || lastAuto.current === key) return;
    lastAuto.current = key;
    explain({ sql, options: defaultExplainOptions(analyze), timeoutMs: DEFAULT_EXPLAIN_TIMEOUT_S * 1000 });
  }, [enabled, profileId, analyze, sql, explain]);
}

/** One checkbox per EXPLAIN option; those the server is too old for are shown, disabled. */
function OptionBoxes({
  options,
  onChange,
  serverVersionNum,
}: {
  options: ExplainOptions;
  onChange(update: (o: ExplainOptions) => ExplainOptions): void;
  serverVersionNum: number | undefined;
}) {
  return OPTION_LABELS.map(([k, label]) => {
    const tooOld = needsNewerServer(k, serverVersionNum);
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
          onChange={(e) => onChange((o) => ({ ...o, [k]: e.target.checked }))}
          data-testid={`explain-option-${k}`}
        />
        {label}
      </label>
    );
  });
}
