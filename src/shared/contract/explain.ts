import { z } from "zod";
import { PlanModel } from "../explain/plan.model";
import { channel } from "./channel";
import { DatabaseName, ProfileId } from "./common";

export const ExplainOptions = z
  .object({
    /** Execute the statement (inside BEGIN ... ROLLBACK) and report actual times and rows. */
    analyze: z.boolean().default(false),
    buffers: z.boolean().default(true),
    verbose: z.boolean().default(false),
    settings: z.boolean().default(false),
    /** WAL records written; needs analyze. */
    wal: z.boolean().default(false),
    /** PostgreSQL 17+: cost of converting the result to wire format; needs analyze. */
    serialize: z.boolean().optional(),
    /** PostgreSQL 17+: planner memory. */
    memory: z.boolean().optional(),
  })
  .strict();
export type ExplainOptions = z.infer<typeof ExplainOptions>;

export const ExplainResult = z.object({
  /** What EXPLAIN (FORMAT JSON) returned, parsed (the Query Identifier kept as a string). */
  raw: z.unknown(),
  /** The same, exactly as the server printed it. */
  rawText: z.string(),
  /** The first plan (the only one, unless a rule turned the statement into several). */
  plan: PlanModel,
  /** Every plan EXPLAIN returned, in order. */
  plans: z.array(PlanModel),
  /** The statement explained, as the user wrote it (without pgdesk's EXPLAIN prefix). */
  sql: z.string(),
  /** The options it ran with. */
  options: ExplainOptions,
  /** When the run started (ISO 8601). */
  ranAt: z.string(),
  /** The exact statement pgdesk sent, for the user to review. */
  explainSql: z.string(),
  /** The statement's kind as the parser classified it (read, write, ddl). */
  statementKind: z.string(),
  /** True when the statement ran and was rolled back. */
  rolledBack: z.boolean(),
  readOnly: z.boolean(),
  serverVersionNum: z.number().int(),
  /** Plain-language cautions: what a rollback does not undo. */
  warnings: z.array(z.string()),
  /**
   * The statement's place in plan history: its fingerprint (the same for other constants,
   * spacing and comments) and whether this run's plan was kept there (and why not).
   */
  history: z.object({
    queryKey: z.string(),
    kept: z.boolean(),
    reason: z.string().optional(),
  }),
});
export type ExplainResult = z.infer<typeof ExplainResult>;

/** Plans bigger than this (EXPLAIN's JSON, in characters) are not kept in plan history. */
export const PLAN_HISTORY_MAX_CHARS = 2_000_000;

/** One plan in plan history, without the plan itself (explain:historyPlan reads it). */
export const PlanHistoryEntry = z.object({
  id: z.string(),
  profileId: ProfileId,
  database: z.string().nullable(),
  queryKey: z.string(),
  /** The statement with its constants as $1, $2 … and its spacing collapsed. */
  normalizedSql: z.string(),
  sql: z.string(),
  options: ExplainOptions,
  ranAt: z.string(),
  serverVersionNum: z.number().int(),
  executionMs: z.number().nullable(),
  totalCost: z.number().nullable(),
});
export type PlanHistoryEntry = z.infer<typeof PlanHistoryEntry>;

export const explainChannels = {
  /**
   * EXPLAIN one statement in FORMAT JSON. Safe by default: one statement only, no
   * transaction control; it runs on a dedicated connection inside BEGIN ... ROLLBACK with
   * a local statement_timeout (BEGIN READ ONLY on read-only profiles), and that
   * connection is discarded afterwards.
   */
  "explain:run": channel({
    input: z
      .object({
        profileId: ProfileId,
        database: DatabaseName.optional(),
        sql: z.string().min(1, "nothing to explain").max(1_000_000),
        options: ExplainOptions.default({
          analyze: false,
          buffers: true,
          verbose: false,
          settings: false,
          wal: false,
        }),
        /** statement_timeout for the run, ms (default 60 s). */
        timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
      })
      .strict(),
    output: ExplainResult,
  }),
  /**
   * Plan history of a profile, newest first: of one query (its fingerprint), or the
   * newest entry of each query when no key is given.
   */
  "explain:history": channel({
    input: z
      .object({
        profileId: ProfileId,
        queryKey: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    output: z.object({
      entries: z.array(PlanHistoryEntry),
      /** Entries that could not be read back (a damaged value), named. */
      problems: z.array(z.string()),
    }),
  }),
  /** One plan of plan history, as a model (read again from the JSON the server printed). */
  "explain:historyPlan": channel({
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ entry: PlanHistoryEntry, plans: z.array(PlanModel) }),
  }),
} as const;

export const explainEvents = {} as const;
