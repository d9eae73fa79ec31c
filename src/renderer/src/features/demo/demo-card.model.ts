import type { DemoProgress, DemoStatus } from "../../../../shared/contract/demo";

/**
 * What the card shows: progress while the demo is being built; a line with its server once
 * it exists as a saved profile; the offer to create it when there is no profile at all;
 * nothing when the user has connections of their own and no demo.
 */
export type DemoCardView = "creating" | "present" | "offer" | "hidden";

export function demoCardView(demo: DemoStatus, profileIds: string[], createPending: boolean): DemoCardView {
  if (createPending || demo.state === "creating") return "creating";
  if (demo.profileId && profileIds.includes(demo.profileId)) return "present";
  return profileIds.length > 0 ? "hidden" : "offer";
}

/** The latest progress event, else what the status carries, else a start. */
export function shownProgress(live: DemoProgress | undefined, demo: DemoStatus): DemoProgress {
  return live ?? demo.progress ?? { phase: "Preparing", percent: 0 };
}

/** "running on port 5433 (PostgreSQL 15.8)". */
export function demoServerLine(demo: DemoStatus): string {
  return `${demo.state}${demo.port ? ` on port ${demo.port}` : ""}${demo.serverVersion ? ` (PostgreSQL ${demo.serverVersion})` : ""}`;
}
