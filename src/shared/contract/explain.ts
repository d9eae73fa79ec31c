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
});
export type ExplainResult = z.infer<typeof ExplainResult>;

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
} as const;

export const explainEvents = {} as const;
