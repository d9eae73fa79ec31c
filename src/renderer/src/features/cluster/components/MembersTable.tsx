import type { MemberState } from "../../../../../shared/contract/cluster";
import { formatLagBytes } from "../../fleet/fleet.format";

/** One row per member as Patroni reports it; members it no longer lists show as absent. */
export function MembersTable({
  members,
  onOpen,
}: {
  members: MemberState[];
  onOpen(profileId: string): void;
}) {
  return (
    <table className="w-full text-sm" data-testid="cluster-members">
      <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3">member</th>
          <th className="pr-3">role</th>
          <th className="pr-3">state</th>
          <th className="pr-3">PostgreSQL</th>
          <th className="pr-3 text-right">timeline</th>
          <th className="pr-3 text-right">lag</th>
          <th className="pr-3">notes</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr
            key={m.name}
            data-testid="cluster-member"
            data-name={m.name}
            data-role={m.role}
            data-state={m.state}
            className="border-t border-slate-200 dark:border-slate-800"
          >
            <td className="py-1 pr-3 font-medium">
              {m.profileId ? (
                <button
                  type="button"
                  className="text-blue-700 hover:underline dark:text-blue-300"
                  onClick={() => onOpen(m.profileId!)}
                >
                  {m.name}
                </button>
              ) : (
                m.name
              )}
            </td>
            <td className="pr-3" data-testid="member-role">
              {m.role}
            </td>
            <td className="pr-3" data-testid="member-state">
              {m.state}
            </td>
            <td className="pr-3 text-slate-600 dark:text-slate-400">
              {m.host ? `${m.host}:${m.port}` : "—"}
            </td>
            <td className="pr-3 text-right tabular-nums">{m.timeline ?? "—"}</td>
            <td className="pr-3 text-right tabular-nums">
              {m.lagBytes === undefined ? "—" : m.lagBytes === null ? "unknown" : formatLagBytes(m.lagBytes)}
            </td>
            <td className="pr-3 text-xs text-slate-600 dark:text-slate-400">
              {[
                m.pendingRestart ? "pending restart" : "",
                m.replayPaused ? "replay paused" : "",
                m.tags?.nofailover ? "nofailover" : "",
                m.unreachable ?? "",
              ]
                .filter(Boolean)
                .join(" · ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
