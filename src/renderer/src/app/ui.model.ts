import type { AreaId } from "../lib/area";

/**
 * Where the app goes when another profile is opened: the same page when it applies to any
 * profile (switching from one server's Activity to another's stays on Activity), the
 * Overview when coming from Connections, and Connections when no profile is left open.
 */
export function areaAfterSwitch(current: AreaId, profileId: string | undefined): AreaId {
  if (!profileId) return "connections";
  return current === "connections" ? "overview" : current;
}
