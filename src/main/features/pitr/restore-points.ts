import { AppError } from "../../../shared/contract";
import type { RestorePoint } from "../../../shared/contract/pitr";
import type { AppContext } from "../handler-types";
import { pitrStore } from "./pitr.context";

/** pg_create_restore_point(name) on the profile's server, remembered with its LSN and the server's time. */
export async function createRestorePoint(
  ctx: AppContext,
  profileId: string,
  name: string,
): Promise<RestorePoint> {
  const pool = await ctx.db.pool(profileId);
  let row: { lsn: string; at: Date };
  try {
    const { rows } = await pool.query<{ lsn: string; at: Date }>(
      "SELECT pg_create_restore_point($1)::text AS lsn, clock_timestamp() AS at",
      [name],
    );
    row = rows[0]!;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === "42501")
      throw new AppError(
        "UNAUTHORIZED",
        `${e.message}: creating a restore point needs superuser or GRANT EXECUTE ON FUNCTION pg_create_restore_point(text) TO <this user>.`,
      );
    throw err;
  }
  const point = { name, lsn: row.lsn, createdAt: row.at.toISOString() };
  await pitrStore(ctx).addRestorePoint(profileId, point);
  return point;
}
