import type { Session } from "../../../../../shared/contract/activity";
import { formatAge } from "../activity.model";
import { SignalButtons } from "./SignalButtons";

export function SessionsTable({
  profileId,
  sessions,
  onChanged,
}: {
  profileId: string;
  sessions: Session[];
  onChanged(): void;
}) {
  return (
    <div className="overflow-auto">
      <table className="w-full text-xs" data-testid="sessions-table">
        <thead className="text-left text-slate-600 dark:text-slate-400">
          <tr>
            <th className="pr-2">pid</th>
            <th className="pr-2">database</th>
            <th className="pr-2">user</th>
            <th className="pr-2">application</th>
            <th className="pr-2">client</th>
            <th className="pr-2">state</th>
            <th className="pr-2">waiting on</th>
            <th className="pr-2">query time</th>
            <th className="pr-2">transaction</th>
            <th className="pr-2">query</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr
              key={s.pid}
              className="border-t border-slate-200 align-top dark:border-slate-800"
              data-testid={`session-${s.pid}`}
            >
              <td className="pr-2 tabular-nums">{s.pid}</td>
              <td className="pr-2">{s.database ?? "—"}</td>
              <td className="pr-2">{s.user ?? "—"}</td>
              <td className="pr-2">{s.applicationName || "—"}</td>
              <td className="pr-2">{s.clientAddr ?? "local"}</td>
              <td className="pr-2">{s.state ?? s.backendType ?? "—"}</td>
              <td className="pr-2">
                {s.waitEvent ? `${s.waitEventType}:${s.waitEvent}` : "—"}
                {s.blockedBy.length > 0 ? ` (blocked by ${s.blockedBy.join(", ")})` : ""}
              </td>
              <td className="pr-2 tabular-nums">{formatAge(s.querySeconds)}</td>
              <td className="pr-2 tabular-nums">{formatAge(s.transactionSeconds)}</td>
              <td className="max-w-md truncate pr-2 font-mono" title={s.query}>
                {s.query}
              </td>
              <td>{!s.own && <SignalButtons profileId={profileId} pid={s.pid} onDone={onChanged} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
