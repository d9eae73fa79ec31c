import { useState } from "react";
import type { SessionFilter } from "../../../../shared/contract/activity";
import type { AreaProps } from "../../app/areas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useActivity } from "./activity.queries";
import { BlockingTree } from "./components/BlockingTree";
import { SessionsTable } from "./components/SessionsTable";
import { useSignalAnswers } from "./signal-answers.store";

const STATES = ["active", "idle in transaction", "idle"];

/** Live sessions, the blocking tree and running maintenance, with cancel/terminate. */
export function ActivityPage({ profileId }: AreaProps) {
  const [text, setText] = useState("");
  const [includeIdle, setIncludeIdle] = useState(false);
  const [includeOwn, setIncludeOwn] = useState(false);
  const [state, setState] = useState("");
  const filter: SessionFilter = {
    ...(text ? { text } : {}),
    includeIdle,
    includeOwn,
    ...(state ? { states: [state] } : {}),
  };
  const activity = useActivity(profileId, filter, 3_000);
  const refresh = () => void activity.refetch();
  const a = activity.data;
  const answers = useSignalAnswers((s) => s.answers);
  return (
    <section className="flex flex-col gap-4" data-testid="activity">
      <header className="flex flex-wrap items-end gap-3">
        <h1 className="text-xl font-semibold">Activity</h1>
        <label className="flex flex-col text-xs">
          Search
          <input
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="query, application, client, pid"
            data-testid="activity-search"
          />
        </label>
        <label className="flex flex-col text-xs">
          State
          <select
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={state}
            onChange={(e) => setState(e.target.value)}
          >
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={includeIdle} onChange={(e) => setIncludeIdle(e.target.checked)} />{" "}
          idle sessions
        </label>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={includeOwn} onChange={(e) => setIncludeOwn(e.target.checked)} />{" "}
          pgdesk&apos;s own
        </label>
        {a && (
          <span className="text-xs text-slate-500">
            {a.sessions.length} sessions · {new Date(a.capturedAt).toLocaleTimeString()}
          </span>
        )}
      </header>
      {activity.error && <ErrorMessage error={activity.error} />}
      {answers.length > 0 && (
        <ul className="flex flex-col gap-1 text-xs" aria-label="Answers to cancel and terminate">
          {answers.map((x) => (
            <li key={x.pid} data-testid={`signal-${x.pid}`}>
              {x.kind} {x.pid}:{" "}
              <span
                className={
                  x.signalled ? "text-green-700 dark:text-green-300" : "text-red-700 dark:text-red-300"
                }
                data-testid="signal-answer"
              >
                {x.message}
              </span>
            </li>
          ))}
        </ul>
      )}
      {a && (
        <>
          <BlockingTree
            profileId={profileId}
            tree={a.blockingTree}
            sessions={a.sessions}
            onChanged={refresh}
          />
          {a.progress.length > 0 && (
            <section data-testid="progress">
              <h2 className="text-sm font-semibold">Maintenance in progress</h2>
              <ul className="text-xs">
                {a.progress.map((p) => (
                  <li key={`${p.pid}-${p.command}`}>
                    {p.command} {p.relation ?? ""} ({p.database ?? ""}) · {p.phase}
                    {p.percent !== null ? ` · ${p.percent.toFixed(1)} %` : ""} · pid {p.pid}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <SessionsTable profileId={profileId} sessions={a.sessions} onChanged={refresh} />
        </>
      )}
    </section>
  );
}
