/**
 * A PgBouncer profile is an admin console: only the Pooler area reads it, and the Pooler
 * area reads nothing else. Areas that need no profile fit every profile.
 */
export function areaFits(
  area: { id: string; needsProfile: boolean },
  kind: "postgres" | "pgbouncer" | undefined,
): boolean {
  if (!area.needsProfile) return true;
  return (area.id === "pooler") === (kind === "pgbouncer");
}
