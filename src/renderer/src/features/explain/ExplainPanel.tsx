import { useEffect, useRef, useState } from "react";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { DEFAULT_EXPLAIN_TIMEOUT_S, defaultExplainOptions, isNewRequest } from "./explain-options.model";
import { useExplain, useProfileName } from "./explain.queries";
import { ExplainOptionsBar } from "./ExplainOptionsBar";
import { ExplainResultView } from "./ExplainResultView";

/** A run asked for from outside (the editor's toolbar or shortcut): each new `seq` runs once. */
export interface ExplainRequestSignal {
  analyze: boolean;
  seq: number;
}

export interface ExplainPanelProps extends AreaProps {
  /**
   * The statement to explain, read at the moment a run starts: the editor's selection or
   * the statement under its caret (or a text box's contents).
   */
  statement(): Promise<string> | string;
  /** What the statement comes from now (the editor's text): a plan of older text says so. */
  source: string;
  request?: ExplainRequestSignal | undefined;
  /** ANALYZE checked when the panel opens. */
  analyze?: boolean;
  database?: string;
  /** Server major version, when the host knows it: SERIALIZE and MEMORY need 17+. */
  serverVersionNum?: number;
  /** Offered by the Query page: keeps the plan (EXPLAIN's raw JSON) with the editor tab. */
  onPinToTab?(raw: unknown, label: string): void;
}

/**
 * EXPLAIN of whatever the statement source holds at the moment a run is asked for; it
 * never re-runs by itself (ANALYZE executes the statement).
 */
export function ExplainPanel(props: ExplainPanelProps) {
  const { profileId, analyze = false, database, serverVersionNum } = props;
  const [options, setOptions] = useState<ExplainOptions>(() => defaultExplainOptions(analyze));
  const [timeoutSec, setTimeoutSec] = useState(DEFAULT_EXPLAIN_TIMEOUT_S);
  const run = useExplain(profileId, database);
  const profileName = useProfileName(profileId);
  const current = useStatementRun(props, (sql, opts) =>
    run.mutate({ sql, options: opts, timeoutMs: timeoutSec * 1000 }),
  );
  useRequestedRun(props.request, (analyze) => {
    const opts = { ...options, analyze };
    setOptions(opts);
    current.start(opts);
  });

  const result = run.data;
  return (
    <section className="flex flex-col gap-3" data-testid="explain-panel">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <ExplainOptionsBar
          options={options}
          onOption={(k, v) => setOptions((o) => ({ ...o, [k]: v }))}
          timeoutSec={timeoutSec}
          onTimeout={setTimeoutSec}
          serverVersionNum={serverVersionNum}
        />
        <Button
          variant="primary"
          disabled={run.isPending}
          onClick={() => current.start(options)}
          data-testid="explain-run"
          title="Explains what the editor holds now: the selection, else the statement under the caret"
        >
          {run.isPending ? "Explaining…" : options.analyze ? "Explain analyze" : "Explain"}
        </Button>
      </div>
      {options.analyze && <AnalyzeNote />}
      {current.error !== null && <ErrorMessage error={current.error} />}
      {run.error && <ErrorMessage error={run.error} />}
      {run.isPending && <p className="text-sm text-slate-600 dark:text-slate-400">Running EXPLAIN…</p>}
      {result && (
        <ExplainResultView
          profileId={profileId}
          result={result}
          profileName={profileName}
          stale={current.stale}
          onPinToTab={props.onPinToTab}
        />
      )}
    </section>
  );
}

/**
 * Starting a run: the statement is read then (an error reading it is shown), and what the
 * source held at that moment is kept, so a plan of text since edited can say so.
 */
function useStatementRun(
  { statement, source }: Pick<ExplainPanelProps, "statement" | "source">,
  explain: (sql: string, options: ExplainOptions) => void,
) {
  const [error, setError] = useState<unknown>(null);
  const [ranFrom, setRanFrom] = useState<string | null>(null);
  const start = async (options: ExplainOptions) => {
    setError(null);
    const from = source;
    try {
      const sql = await statement();
      if (!sql.trim()) return;
      setRanFrom(from);
      explain(sql, options);
    } catch (err) {
      setError(err);
    }
  };
  return {
    start: (options: ExplainOptions) => void start(options),
    error,
    stale: ranFrom !== null && ranFrom !== source,
  };
}

/** A request from the toolbar runs once per seq (also under StrictMode's double effects). */
function useRequestedRun(request: ExplainRequestSignal | undefined, start: (analyze: boolean) => void) {
  const lastSeq = useRef<number | null>(null);
  useEffect(() => {
    if (!isNewRequest(lastSeq.current, request)) return;
    lastSeq.current = request!.seq;
    start(request!.analyze);
    // only a new request runs; the options and the statement are read when it comes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request?.seq]);
}

function AnalyzeNote() {
  return (
    <p
      className="rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      data-testid="explain-analyze-note"
    >
      EXPLAIN ANALYZE executes the statement inside BEGIN … ROLLBACK. Row changes are undone; sequence
      increments, effects outside the database and session advisory locks are not.
    </p>
  );
}
