import { formatBytes, formatSeconds } from "../../../shared/format/units";

/** Sizes and durations come from the one shared formatter, so every screen says them alike. */
export { formatBytes };

/** A duration given in seconds (uptime, age). */
export function formatDuration(seconds: number): string {
  return formatSeconds(seconds);
}
