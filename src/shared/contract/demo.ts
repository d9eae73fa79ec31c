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

/** How to connect to the demo from another client (psql, an ORM): its own generated password included. */
export const DemoCredentials = z.object({
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  password: z.string(),
});
export type DemoCredentials = z.infer<typeof DemoCredentials>;

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
  /** Starts the demo's server (after demo:stop). */
  "demo:start": channel({ input: NoInput, output: DemoStatus }),
  /** Stops the demo's server and keeps its data; it stays stopped until demo:start (or the next app start). */
  "demo:stop": channel({ input: NoInput, output: DemoStatus }),
  /** Removes the demo and builds it again at the same size: fresh data, a new password. */
  "demo:reset": channel({ input: NoInput, output: DemoStatus }),
  /**
   * The demo's connection details with its password, asked for on purpose (the Show
   * password button). The only channel that sends a password to the renderer, and only
   * the demo's own generated one.
   */
  "demo:credentials": channel({ input: NoInput, output: DemoCredentials }),
} as const;

export const demoEvents = {
  /** Creation progress, in order, ending at 100 (or at the failure). */
  "demo:didProgress": event({ payload: DemoProgress }),
} as const;
