import type { ClusterStore } from "../cluster/cluster.store";
import { firstAnswer } from "../cluster/cluster.status";

export interface PatroniRoles {
  /** The member's role and lag as its cluster's /cluster says; undefined when Patroni did not answer. */
  of(clusterId: string, member: string): Promise<{ role: string; lagBytes?: number | null } | undefined>;
}

/** Asks each cluster's Patroni once per run (lazily, with the fleet's per-server timeout). */
export function patroniRoles(clusters: ClusterStore, timeoutMs: number): PatroniRoles {
  const asked = new Map<
    string,
    Promise<Map<string, { role: string; lagBytes?: number | null }> | undefined>
  >();
  const ask = async (clusterId: string) => {
    try {
      const record = await clusters.get(clusterId);
      const { json } = await firstAnswer(record, await clusters.apiAuth(record), timeoutMs);
      return new Map(
        json.members.map((m) => [
          m.name,
          {
            role: m.role,
            ...(m.lag !== undefined ? { lagBytes: typeof m.lag === "number" ? m.lag : null } : {}),
          },
        ]),
      );
    } catch {
      return undefined; // the row keeps the role PostgreSQL itself reports
    }
  };
  return {
    async of(clusterId, member) {
      let roles = asked.get(clusterId);
      if (!roles) asked.set(clusterId, (roles = ask(clusterId)));
      return (await roles)?.get(member);
    },
  };
}
