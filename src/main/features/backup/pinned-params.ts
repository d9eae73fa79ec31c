import { atHost } from "../../db/connection-manager";
import type { CallContext } from "../handler-types";
import type { ConnectionParams } from "../../db/connection-params";

/**
 * The profile's connection params narrowed to the host the app's own pool for this
 * database landed on. For a multi-host profile the row counts, the exported snapshot and
 * pg_dump/pg_restore must all reach the same server; libpq choosing on its own could
 * land elsewhere (or, with load_balance_hosts=random, anywhere).
 */
export async function pinnedParams(
  ctx: CallContext,
  profileId: string,
  database?: string,
): Promise<ConnectionParams> {
  const params = await ctx.profiles.connectionParams(profileId);
  if (!params.additionalHosts?.length) return params;
  return atHost(params, await ctx.db.hostOf(profileId, database));
}
