import { AppError } from "../../../shared/contract";
import type { AppContext } from "../handler-types";
import type { BackRestTarget } from "../../db/pgbackrest.cli";
import type { CommandHost } from "../../db/host-command";
import type { BackRestSettings } from "../../../shared/contract/pitr";
import { PitrStore } from "./pitr-settings.store";

export function pitrStore(ctx: AppContext): PitrStore {
  return ctx.singleton("pitr.store", () => new PitrStore(ctx.dataDir, ctx.secrets));
}

export interface ResolvedTarget {
  target: BackRestTarget;
  settings: BackRestSettings;
}

/** The profile's stanza, where pgbackrest runs (here, or on the database host over its SSH settings) and as whom. */
export async function resolveTarget(ctx: AppContext, profileId: string): Promise<ResolvedTarget> {
  const { settings, secretEnv } = await pitrStore(ctx).opened(profileId);
  let host: CommandHost = { kind: "local" };
  if (settings.location === "ssh") {
    const params = await ctx.profiles.connectionParams(profileId);
    if (!params.ssh)
      throw new AppError(
        "VALIDATION",
        "location: pgBackRest is set to run over SSH, but the profile has no SSH settings.",
        { field: "location" },
      );
    host = { kind: "ssh", ssh: params.ssh };
  }
  return {
    settings,
    target: {
      host,
      osUser: settings.osUser,
      configPath: settings.configPath,
      stanza: settings.stanza,
      secretEnv,
      timeoutMs: settings.timeoutSeconds * 1000,
    },
  };
}
