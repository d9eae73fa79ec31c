import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { ProfileId } from "./common";

/** How much data the demo gets (catalog section 11); `large` is meant for benchmarks. */
export const DemoSize = z.enum(["demo", "dev", "staging", "large"]);
export type DemoSize = z.infer<typeof DemoSize>;

export const DemoProgress = z.object({
  /** What is happening now, e.g. "Starting PostgreSQL 15", "Placing and shipping orders". */
  phase: z.string(),
  percent: z.number().min(0).max(100),
});
export type DemoProgress = z.infer<typeof DemoProgress>;

export const DemoStatus = z.object({
  /**
   * absent: no demo yet; creating: being built (see progress); starting: the server is
   * coming up; running: ready to open; stopped: exists but its server is down;
   * failed: the last creation or start failed (see error).
   */
  state: z.enum(["absent", "creating", "starting", "running", "stopped", "failed"]),
  /** The saved profile (tagged "demo") once the demo exists. */
  profileId: ProfileId.optional(),
  port: z.number().int().optional(),
  /** Folder holding the demo server's files. */
  dataDir: z.string(),
  size: DemoSize.optional(),
  serverVersion: z.string().optional(),
  progress: DemoProgress.optional(),
  error: z.string().optional(),
});
export type DemoStatus = z.infer<typeof DemoStatus>;

export const demoChannels = {
  /** Whether the demo database exists and its server runs; starts the server if the demo exists but is down. */
  "demo:status": channel({ input: NoInput, output: DemoStatus }),
  /**
   * Creates the demo: starts an embedded PostgreSQL 15 in the app's data folder, migrates,
   * seeds and runs the workload, then saves a profile tagged "demo". Answers when done;
   * progress arrives as demo:didProgress. A failure or cancel removes everything it made.
   */
  "demo:create": channel({
    input: z.object({ size: DemoSize.optional() }).strict(),
    output: DemoStatus,
  }),
  /** Stops a creation in progress; demo:create then fails with CANCELLED. */
  "demo:cancel": channel({ input: NoInput, output: z.object({}) }),
  /** Stops the demo server and deletes its data folder and its profile; other profiles are untouched. */
  "demo:remove": channel({ input: NoInput, output: DemoStatus }),
} as const;

export const demoEvents = {
  /** Creation progress, in order, ending at 100 (or at the failure). */
  "demo:didProgress": event({ payload: DemoProgress }),
} as const;
