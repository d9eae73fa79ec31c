import type { DemoProgress, DemoStatus } from "../../../../shared/contract/demo";

/**
 * What the card shows: progress while the demo is being built; its server, connection
 * details and controls once it exists as a saved profile; the full offer when there is no
 * profile at all; a one-line offer when the user has connections of their own and no demo
 * (so it can always be found and created again).
 */
export type DemoCardView = "creating" | "present" | "offer" | "compact-offer";

export function demoCardView(demo: DemoStatus, profileIds: string[], createPending: boolean): DemoCardView {
  if (createPending || demo.state === "creating") return "creating";
  if (demo.profileId && profileIds.includes(demo.profileId)) return "present";
  return profileIds.length > 0 ? "compact-offer" : "offer";
}

/** Which of Start and Stop the demo's state allows (one of them, or neither while it changes). */
export function demoPowerAction(state: DemoStatus["state"]): "start" | "stop" | undefined {
  if (state === "running") return "stop";
  if (state === "stopped" || state === "failed") return "start";
  return undefined;
}

/** The latest progress event, else what the status carries, else a start. */
export function shownProgress(live: DemoProgress | undefined, demo: DemoStatus): DemoProgress {
  return live ?? demo.progress ?? { phase: "Preparing", percent: 0 };
}

/** "running on port 5433 (PostgreSQL 15.8)". */
export function demoServerLine(demo: DemoStatus): string {
  return `${demo.state}${demo.port ? ` on port ${demo.port}` : ""}${demo.serverVersion ? ` (PostgreSQL ${demo.serverVersion})` : ""}`;
}
