import { useUi } from "../../../app/ui.store";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { TagBadge } from "../../../components/TagBadge";
import { useClusterStatus } from "../cluster.queries";
import { ForgetCluster } from "./ForgetCluster";
import { HistoryTable } from "./HistoryTable";
import { MembersTable } from "./MembersTable";
import { SwitchoverPanel } from "./SwitchoverPanel";
import { TopologyDiagram } from "./TopologyDiagram";

/** One cluster, read from Patroni every few seconds: members, topology, switchover, history. */
export function ClusterView({ clusterId }: { clusterId: string }) {
  const status = useClusterStatus(clusterId);
  const openProfile = useUi((s) => s.openProfile);
  if (!status.data)
    return status.error ? (
      <ErrorMessage error={status.error} />
    ) : (
      <p className="text-sm text-slate-600 dark:text-slate-400">Asking Patroni…</p>
    );
  const s = status.data;
  return (
    <div className="flex flex-col gap-4" data-testid="cluster-view" data-leader={s.leader ?? ""}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{s.cluster.name}</h2>
        {s.cluster.environment && <TagBadge tag={s.cluster.environment} />}
        <span className="text-sm text-slate-600 dark:text-slate-400">
          scope {s.cluster.scope} · leader <strong data-testid="cluster-leader">{s.leader ?? "none"}</strong>{" "}
          · read from {s.source} at {new Date(s.fetchedAt).toLocaleTimeString()}
          {s.paused ? " · maintenance mode (paused)" : ""}
        </span>
        <ForgetCluster cluster={s.cluster} />
      </div>
      {status.error && <ErrorMessage error={status.error} />}
      {[...s.unreachable.map((u) => `${u.url}: ${u.reason}`), ...s.warnings].map((w) => (
        <p key={w} className="text-xs text-amber-800 dark:text-amber-300" data-testid="cluster-warning">
          {w}
        </p>
      ))}
      {(s.synced.added.length > 0 || s.synced.updated.length > 0) && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Member profiles brought in line:{" "}
          {[
            ...s.synced.added.map((m) => `${m} added`),
            ...s.synced.updated.map((m) => `${m} re-addressed`),
          ].join(", ")}
        </p>
      )}
      <MembersTable members={s.members} onOpen={openProfile} />
      <TopologyDiagram topology={s.topology} />
      <SwitchoverPanel status={s} />
      <h3 className="font-semibold">Failover history</h3>
      <HistoryTable history={s.history} />
    </div>
  );
}
