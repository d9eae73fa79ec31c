import type { BlockingNode, Session } from "../../../../../shared/contract/activity";
import { SignalButtons } from "./SignalButtons";

/** Who blocks whom: each root blocker, then the sessions waiting on it, indented. */
export function BlockingTree({
  profileId,
  tree,
  sessions,
  onChanged,
}: {
  profileId: string;
  tree: BlockingNode[];
  sessions: Session[];
  onChanged(): void;
}) {
  const byPid = new Map(sessions.map((s) => [s.pid, s]));
  return (
    <section className="flex flex-col gap-1" data-testid="blocking-tree">
      <h2 className="text-sm font-semibold">Blocking tree</h2>
      {tree.length === 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">No session is blocked.</p>
      )}
      <ul className="flex flex-col gap-1">
        {tree.map((n) => {
          const s = byPid.get(n.pid);
          return (
            <li
              key={`${n.parentPid ?? "root"}-${n.pid}`}
              className="flex items-start justify-between gap-2 rounded border border-slate-200 p-2 text-xs dark:border-slate-800"
              style={{ marginLeft: n.depth * 24 }}
              data-testid={`blocking-node-${n.pid}`}
              data-depth={n.depth}
            >
              <div className="min-w-0">
                <div className="font-medium">
                  {n.depth === 0 ? "Blocker" : `Waits for ${n.parentPid}`} · pid {n.pid} · {s?.state ?? "?"}
                  {s?.waitEvent ? ` · ${s.waitEventType}:${s.waitEvent}` : ""}
                  {s?.querySeconds != null ? ` · ${Math.round(s.querySeconds)} s` : ""}
                </div>
                <div className="truncate font-mono text-slate-600 dark:text-slate-400" title={s?.query ?? ""}>
                  {s?.query ?? ""}
                </div>
              </div>
              <SignalButtons profileId={profileId} pid={n.pid} onDone={onChanged} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
