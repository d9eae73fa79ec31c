import { useState } from "react";
import type { Cluster } from "../../../../../shared/contract/cluster";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useRemoveCluster } from "../cluster.queries";

/** Forgets the cluster; its member profiles stay as plain profiles unless asked to go too. */
export function ForgetCluster({ cluster }: { cluster: Cluster }) {
  const [asking, setAsking] = useState(false);
  const [withProfiles, setWithProfiles] = useState(false);
  const remove = useRemoveCluster();
  const count = cluster.members.length + (cluster.leaderProfileId ? 1 : 0);
  if (!asking)
    return (
      <Button data-testid="cluster-forget" onClick={() => setAsking(true)}>
        Forget…
      </Button>
    );
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm">
      Forget “{cluster.name}”?
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={withProfiles} onChange={(e) => setWithProfiles(e.target.checked)} />
        also delete its {count} profiles and their saved passwords
      </label>
      <Button
        variant="danger"
        data-testid="cluster-forget-confirm"
        disabled={remove.isPending}
        onClick={() => remove.mutate({ clusterId: cluster.id, deleteProfiles: withProfiles })}
      >
        Forget
      </Button>
      <Button onClick={() => setAsking(false)}>Keep</Button>
      <ErrorMessage error={remove.error} />
    </span>
  );
}
