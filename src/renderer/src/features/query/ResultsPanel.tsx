import { useState } from "react";
import type { StatementError, StatementResult } from "../../../../shared/contract/query";
import type { TabLastRun } from "../../../../shared/contract/tabs";
import { Button } from "../../components/Button";
import type { RunController, StatementView } from "./run-controller";
import { CellViewer } from "./CellViewer";
import { ResultsGrid } from "./ResultsGrid";
import { resultTabs, type ResultTab } from "./results.model";
import { count } from "../../../../shared/format/plural";
import { formatDurationMs } from "../../../../shared/format/units";

interface Props {
  controller: RunController;
  /** The tab's last run (kept across reloads; its results are not). */
  lastRun: TabLastRun | null;
  onRerun(): void;
  /** The result tab the user picked (saved with the tab's layout). */
  picked: ResultTab | undefined;
  onPick(tab: ResultTab): void;
  onLoadAll(result: StatementResult): void;
  onExport(result: StatementResult): void;
}

/** One tab per statement that returned rows, plus the messages of the run. */
export function ResultsPanel({ controller, lastRun, onRerun, picked, onPick, onLoadAll, onExport }: Props) {
  const setPicked = onPick;
  const [cell, setCell] = useState<{ row: number; col: number } | undefined>();
  const { withRows, failed, active } = resultTabs(controller.results, controller.error, picked);
  const view = active === "messages" ? undefined : withRows.find((r) => r.index === active);

  if (
    !controller.running &&
    controller.results.length === 0 &&
    !controller.error &&
    controller.notices.length === 0
  ) {
    return <NoResults lastRun={lastRun} onRerun={onRerun} />;
  }
  return (
    <div className="flex h-full min-h-0 flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1 text-xs">
        <div className="flex flex-wrap items-center gap-1" role="tablist" aria-label="Results">
          {withRows.map((r) => (
            <button
              type="button"
              role="tab"
              key={r.index}
              aria-selected={active === r.index}
              onClick={() => setPicked(r.index)}
              data-testid="result-tab"
              className="rounded px-2 py-0.5 aria-selected:bg-blue-600 aria-selected:text-white"
            >
              Result {r.index + 1} ({r.data.rowCount.toLocaleString()}
              {r.result?.truncated ? "+" : ""})
            </button>
          ))}
          <button
            type="button"
            role="tab"
            aria-selected={active === "messages"}
            onClick={() => setPicked("messages")}
            data-testid="messages-tab"
            className="rounded px-2 py-0.5 aria-selected:bg-blue-600 aria-selected:text-white"
          >
            Messages{failed ? " (error)" : ""}
          </button>
        </div>
        {view && <ResultActions view={view} onLoadAll={onLoadAll} onExport={onExport} />}
      </div>
      {view ? (
        <div className="flex min-h-0 flex-1 gap-2">
          <div className="min-w-0 flex-1">
            <ResultsGrid
              key={`${controller.runId}-${view.index}`}
              data={view.data}
              rowCount={view.data.rowCount}
              onOpenCell={(row, col) => setCell({ row, col })}
            />
          </div>
          {cell && view.data.columns[cell.col] && (
            <CellViewer
              column={view.data.columns[cell.col]!}
              value={view.data.get(cell.row, cell.col)}
              onClose={() => setCell(undefined)}
            />
          )}
        </div>
      ) : (
        <Messages controller={controller} />
      )}
    </div>
  );
}

/** Nothing ran in this page yet: after a reload, the tab's last run can run again. */
function NoResults({ lastRun, onRerun }: Pick<Props, "lastRun" | "onRerun">) {
  if (!lastRun)
    return (
      <p className="p-2 text-sm text-slate-600 dark:text-slate-400">
        Run a statement (Ctrl/Cmd+Enter) to see its rows here.
      </p>
    );
  return (
    <div
      className="flex items-center gap-2 p-2 text-sm text-slate-600 dark:text-slate-400"
      data-testid="rerun-offer"
    >
      <span>Last run {new Date(lastRun.at).toLocaleString()}; results are not kept across reloads.</span>
      <Button onClick={onRerun} data-testid="rerun">
        Run it again
      </Button>
    </div>
  );
}

function ResultActions({
  view,
  onLoadAll,
  onExport,
}: {
  view: StatementView;
  onLoadAll: Props["onLoadAll"];
  onExport: Props["onExport"];
}) {
  const r = view.result;
  return (
    <span className="ml-auto flex items-center gap-3 text-slate-600 dark:text-slate-400">
      {r && (
        <span data-testid="result-summary">
          {count(view.data.rowCount, "row")} in {formatDurationMs(r.durationMs)}
        </span>
      )}
      {r?.truncated && (
        <span className="text-amber-700 dark:text-amber-400">
          stopped at the row cap
          {r.kind === "read" && (
            <button
              type="button"
              className="ml-1 underline"
              data-testid="load-all"
              onClick={() => onLoadAll(r)}
            >
              Load all rows (runs it again)
            </button>
          )}
        </span>
      )}
      {r && r.kind === "read" && !r.error && (
        <button type="button" className="underline" data-testid="export-open" onClick={() => onExport(r)}>
          Export…
        </button>
      )}
    </span>
  );
}

function Messages({ controller }: { controller: RunController }) {
  const s = controller.summary;
  return (
    <div className="min-h-0 flex-1 overflow-auto text-sm" data-testid="run-messages">
      {controller.error && <ErrorBox error={controller.error} />}
      {controller.results.map((v) =>
        v.result ? (
          <div key={v.index} className="border-b border-slate-100 py-1 dark:border-slate-900">
            <div className="flex gap-3 font-mono text-xs">
              <span className="text-slate-600 dark:text-slate-400">#{v.index + 1}</span>
              <span className="truncate">{v.result.sql}</span>
            </div>
            {v.result.error ? (
              <ErrorBox error={v.result.error} />
            ) : v.result.confirmation ? (
              <div className="text-xs text-amber-700 dark:text-amber-400" data-testid="not-run">
                Not run: the {v.result.confirmation.policyTag} safeguards asked first (
                {v.result.confirmation.reasons.join("; ")})
              </div>
            ) : (
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {v.result.command ?? "OK"}
                {v.result.rowCount !== null ? ` ${count(v.result.rowCount, "row")}` : ""} ·{" "}
                {formatDurationMs(v.result.durationMs)}
              </div>
            )}
          </div>
        ) : null,
      )}
      {controller.notices.map((n, i) => (
        <div key={i} className="py-1 text-xs" data-testid="notice">
          <span className="font-medium">{n.severity}</span>:{" "}
          <span className="whitespace-pre-wrap">{n.message}</span>
          {n.detail && (
            <div className="whitespace-pre-wrap text-slate-600 dark:text-slate-400">{n.detail}</div>
          )}
        </div>
      ))}
      {s && (
        <p className="pt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="run-summary">
          {count(s.results.length, "statement")} in {formatDurationMs(s.durationMs)}
          {s.skipped > 0 ? `, ${s.skipped} not run` : ""}
          {s.cancelled ? ", cancelled" : ""}
        </p>
      )}
    </div>
  );
}

function ErrorBox({ error }: { error: StatementError }) {
  return (
    <div
      role="alert"
      data-testid="statement-error"
      className="my-1 rounded border border-red-300 bg-red-50 p-2 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="whitespace-pre-wrap font-medium">{error.message}</div>
      {error.sqlState && <div>SQLSTATE {error.sqlState}</div>}
      {error.detail && <div className="whitespace-pre-wrap">{error.detail}</div>}
      {error.hint && <div className="whitespace-pre-wrap">Hint: {error.hint}</div>}
    </div>
  );
}
