import type { AppContext } from "../handler-types";
import type { Handlers } from "../handler-types";
import { clusterStore } from "../cluster/cluster.handlers";
import { ThresholdsStore } from "../health/thresholds.store";
import { FleetMonitor } from "./fleet.monitor";
import { FleetSettingsStore } from "./fleet.settings";

type Ctx = Pick<AppContext, "singleton" | "dataDir" | "secrets" | "profiles" | "emit" | "log">;

/** The app's one fleet monitor: it keeps the latest run between calls. */
export function fleetMonitor(ctx: Ctx): FleetMonitor {
  return ctx.singleton(
    "fleet.monitor",
    () =>
      new FleetMonitor({
        dataDir: ctx.dataDir,
        profiles: ctx.profiles,
        clusters: clusterStore(ctx),
        thresholds: new ThresholdsStore(ctx.dataDir),
        settings: fleetSettings(ctx),
        emit: ctx.emit,
        log: ctx.log,
      }),
  );
}

function fleetSettings(ctx: Pick<AppContext, "singleton" | "dataDir">): FleetSettingsStore {
  return ctx.singleton("fleet.settings", () => new FleetSettingsStore(ctx.dataDir));
}

export const fleetHandlers = {
  "fleet:snapshot": (_input, ctx) => fleetMonitor(ctx).snapshot(),
  "fleet:refresh": (_input, ctx) => fleetMonitor(ctx).refresh(),
  "fleet:settings": (_input, ctx) => fleetSettings(ctx).get(),
  "fleet:saveSettings": (settings, ctx) => fleetSettings(ctx).set(settings),
} satisfies Handlers<"fleet:snapshot" | "fleet:refresh" | "fleet:settings" | "fleet:saveSettings">;
