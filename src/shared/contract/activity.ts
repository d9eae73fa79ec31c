import { z } from "zod";
import { channel } from "./channel";
import { ProfileId } from "./common";

/** One server session (a row of pg_stat_activity), durations in seconds. */
export const Session = z.object({
  pid: z.number().int(),
  database: z.string().nullable(),
  user: z.string().nullable(),
  applicationName: z.string(),
  clientAddr: z.string().nullable(),
  backendType: z.string().nullable(),
  state: z.string().nullable(),
  waitEventType: z.string().nullable(),
  waitEvent: z.string().nullable(),
  query: z.string(),
  backendSeconds: z.number().nullable(),
  transactionSeconds: z.number().nullable(),
  querySeconds: z.number().nullable(),
  stateSeconds: z.number().nullable(),
  /** Sessions this one waits for (pg_blocking_pids). */
  blockedBy: z.array(z.number().int()),
  /** One of pgdesk's own connections. */
  own: z.boolean(),
});
export type Session = z.infer<typeof Session>;

/** The blocking tree in display order: roots (blockers not blocked themselves) first, then who they block. */
export const BlockingNode = z.object({
  pid: z.number().int(),
  depth: z.number().int(),
  parentPid: z.number().int().nullable(),
});
export type BlockingNode = z.infer<typeof BlockingNode>;

/** A running VACUUM / ANALYZE / CREATE INDEX, from the pg_stat_progress_* views. */
export const Progress = z.object({
  pid: z.number().int(),
  command: z.string(),
  database: z.string().nullable(),
  relation: z.string().nullable(),
  phase: z.string(),
  done: z.number().nullable(),
  total: z.number().nullable(),
  /** 0-100 when the view gives a total. */
  percent: z.number().nullable(),
});
export type Progress = z.infer<typeof Progress>;

export const SessionFilter = z
  .object({
    /** States to keep (active, idle, idle in transaction, ...); all when absent. */
    states: z.array(z.string().max(64)).max(10).optional(),
    database: z.string().max(252).optional(),
    user: z.string().max(252).optional(),
    /** Case-insensitive text in the query, application or client. */
    text: z.string().max(1000).optional(),
    includeIdle: z.boolean().optional(),
    includeOwn: z.boolean().optional(),
    includeBackground: z.boolean().optional(),
  })
  .strict();
export type SessionFilter = z.infer<typeof SessionFilter>;

const SignalResult = z.object({
  pid: z.number().int(),
  /** The server's answer: true when the signal was sent. */
  signalled: z.boolean(),
  message: z.string(),
});

const Target = { profileId: ProfileId, database: z.string().min(1).optional() };

export const activityChannels = {
  /** Sessions on the server (filtered), the blocking tree and running maintenance progress. */
  "activity:sessions": channel({
    input: z.object({ ...Target, filter: SessionFilter.optional() }).strict(),
    output: z.object({
      sessions: z.array(Session),
      blockingTree: z.array(BlockingNode),
      progress: z.array(Progress),
      capturedAt: z.string(),
    }),
  }),
  /** Cancels a session's running query (pg_cancel_backend), with the server's answer. */
  "activity:cancel": channel({
    input: z.object({ ...Target, pid: z.number().int().positive() }).strict(),
    output: SignalResult,
  }),
  /** Ends a session (pg_terminate_backend), with the server's answer. */
  "activity:terminate": channel({
    input: z.object({ ...Target, pid: z.number().int().positive() }).strict(),
    output: SignalResult,
  }),
} as const;

export const activityEvents = {} as const;
