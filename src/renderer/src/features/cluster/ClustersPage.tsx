import { useState } from "react";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useProfiles } from "../profiles/profiles.queries";
import { useClusters } from "./cluster.queries";
import { ClusterView } from "./components/ClusterView";
import { DiscoverForm } from "./components/DiscoverForm";

/** Patroni clusters pgdesk knows; the open profile's cluster is shown first. */
export function ClustersPage({ profileId }: AreaProps) {
  const clusters = useClusters();
  const profiles = useProfiles();
  const [picked, setPicked] = useState<string | undefined>();
  const [discovering, setDiscovering] = useState(false);
  const list = clusters.data ?? [];
  const ofProfile = profiles.data?.find((p) => p.id === profileId)?.cluster?.clusterId;
  const selected = list.find((c) => c.id === (picked ?? ofProfile))?.id ?? list[0]?.id;
  return (
    <section className="flex flex-col gap-4" data-testid="clusters-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Clusters</h1>
        {list.map((c) => (
          <Button
            key={c.id}
            data-testid="cluster-pick"
            aria-pressed={c.id === selected && !discovering}
            variant={c.id === selected && !discovering ? "primary" : "secondary"}
            onClick={() => {
              setPicked(c.id);
              setDiscovering(false);
            }}
          >
            {c.name}
          </Button>
        ))}
        <Button data-testid="cluster-discover-open" onClick={() => setDiscovering(true)}>
          Discover…
        </Button>
      </div>
      <ErrorMessage error={clusters.error} />
      {discovering || (!list.length && clusters.data) ? (
        <DiscoverForm
          onDiscovered={(c) => {
            setPicked(c.id);
            setDiscovering(false);
          }}
          onCancel={() => setDiscovering(false)}
        />
      ) : selected ? (
        <ClusterView key={selected} clusterId={selected} />
      ) : null}
    </section>
  );
}
