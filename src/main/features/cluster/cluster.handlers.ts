import type { AppContext } from "../handler-types";
import type { Handlers } from "../handler-types";
import { discoverCluster } from "./cluster.discover";
import { clusterStatus } from "./cluster.status";
import { ClusterStore } from "./cluster.store";
import { switchover } from "./cluster.switchover";

/** The app's one cluster store (its writes are serialized inside). */
export function clusterStore(ctx: Pick<AppContext, "singleton" | "dataDir" | "secrets">): ClusterStore {
  return ctx.singleton("cluster.store", () => new ClusterStore(ctx.dataDir, ctx.secrets));
}

export const clusterHandlers = {
  "cluster:list": (_input, ctx) => clusterStore(ctx).list(),

  "cluster:discover": (input, ctx) =>
    discoverCluster(input, { profiles: ctx.profiles, clusters: clusterStore(ctx) }),

  "cluster:status": ({ clusterId }, ctx) =>
    clusterStatus(clusterId, { profiles: ctx.profiles, clusters: clusterStore(ctx), db: ctx.db }),

  "cluster:switchover": (input, ctx) => switchover(input, { clusters: clusterStore(ctx) }),

  "cluster:remove": async ({ clusterId, deleteProfiles }, ctx) => {
    const removed = await clusterStore(ctx).remove(clusterId);
    const ids = [
      ...removed.members.map((m) => m.profileId),
      ...(removed.leaderProfileId ? [removed.leaderProfileId] : []),
    ];
    const existing = new Set((await ctx.profiles.list()).map((p) => p.id));
    const mine = ids.filter((id) => existing.has(id));
    if (deleteProfiles) {
      for (const id of mine) {
        await ctx.profiles.delete(id);
        await ctx.db.closeProfile(id);
      }
    } else if (mine.length) {
      // kept as ordinary profiles: they no longer belong to a cluster pgdesk knows
      await ctx.profiles.update(mine, () => ({ cluster: undefined }));
    }
    return {};
  },
} satisfies Handlers<
  "cluster:list" | "cluster:discover" | "cluster:status" | "cluster:switchover" | "cluster:remove"
>;
