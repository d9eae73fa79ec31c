import { z } from "zod";
import { channel, event } from "./channel";
import { ProfileId } from "./common";
import { TabSql } from "./tabs";
import { ApiErrorData } from "./errors";

/** Ids main generates for editor sessions; the renderer echoes them back. */
export const SessionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "invalid session id");
/** Chosen by the renderer per run so it can drop events of runs it no longer shows. */
export const RunId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "invalid run id");

/** Like psql's %x: idle, inside BEGIN, or inside a failed transaction (only ROLLBACK helps). */
export const TransactionState = z.enum(["idle", "in-transaction", "failed", "unknown"]);
export type TransactionState = z.infer<typeof TransactionState>;

export const ResultColumn = z.object({
  name: z.string(),
  typeOid: z.number().int(),
  /** format_type() of the column, e.g. "numeric", "timestamp with time zone", "integer[]". */
  typeName: z.string(),
});
export type ResultColumn = z.infer<typeof ResultColumn>;

/**
 * Rows as PostgreSQL printed them, packed column by column so the renderer decodes
 * them without a per-row object: `text` holds every non-NULL value of column 0
 * (row 0, 1, ...), then column 1, ...; `lengths` the length (UTF-16 units) of each
 * value in the same order, -1 for NULL. Values are exact server text (numeric,
 * int8 and timestamptz unconverted, bytea as `\x…` hex).
 */
export const PackedBatch = z.object({
  rowCount: z.number().int().min(0),
  columnCount: z.number().int().min(0),
  text: z.string(),
  lengths: z.array(z.number().int().min(-1)),
});
export type PackedBatch = z.infer<typeof PackedBatch>;

/** Issued by main for one statement that needs the user's yes; one run, one statement, one use. */
export const ConfirmToken = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "invalid confirmation token");

/**
 * A statement the profile's safeguards stopped before it ran: the run stops there and
 * runs it (and what follows) only when run again with `token` in `confirmations`.
 */
export const ConfirmationRequest = z.object({
  token: ConfirmToken,
  /** Why, in words (what it drops, the rows it writes by estimate). */
  reasons: z.array(z.string()),
  /** Plain EXPLAIN's estimate of the rows it writes (never ANALYZE); null when none was made. */
  estimatedRows: z.number().nullable(),
  /** Why the rows could not be estimated, when they were needed. */
  estimateUnavailable: z.string().optional(),
  /** The profile's environment tag whose policy asked ("production", "untagged", ...). */
  policyTag: z.string(),
});
export type ConfirmationRequest = z.infer<typeof ConfirmationRequest>;

export const StatementError = ApiErrorData.extend({
  /** Where the server (or the parser) pointed, as a 0-based offset in the editor text. */
  editorOffset: z.number().int().optional(),
});
export type StatementError = z.infer<typeof StatementError>;

/** What became of one statement of a run. */
export const StatementResult = z.object({
  index: z.number().int(),
  /** The statement's range in the editor text, end exclusive (0-based UTF-16 offsets). */
  start: z.number().int(),
  end: z.number().int(),
  /** The statement as run, shortened to 500 characters for display. */
  sql: z.string(),
  kind: z.enum(["read", "write", "ddl", "transaction", "session", "unknown"]),
  /** The command tag's verb, e.g. SELECT, INSERT, CREATE. */
  command: z.string().nullable(),
  columns: z.array(ResultColumn),
  /** Rows sent to the renderer. */
  rowsReturned: z.number().int(),
  /** Rows the command reports (affected by INSERT/UPDATE/DELETE, or returned); null when it reports none. */
  rowCount: z.number().int().nullable(),
  /** The soft row cap stopped the stream before the end; "load all" runs it again without a cap. */
  truncated: z.boolean(),
  durationMs: z.number(),
  error: StatementError.optional(),
  /** The statement did not run: the profile's safeguards ask first. */
  confirmation: ConfirmationRequest.optional(),
});
export type StatementResult = z.infer<typeof StatementResult>;

export const RunMode = z.enum(["all", "selection", "statement-at-cursor"]);
export type RunMode = z.infer<typeof RunMode>;

export const RunSummary = z.object({
  runId: RunId,
  results: z.array(StatementResult),
  transactionState: TransactionState,
  durationMs: z.number(),
  /** Statements left unrun because an earlier one failed (or the run was cancelled). */
  skipped: z.number().int(),
  cancelled: z.boolean(),
  /** How long the open transaction has been open when the run ended (main's clock); null when none. */
  transactionAgeMs: z.number().nullable(),
  /** Main opened a transaction during this run (manual mode, or the tag's "always in a transaction"). */
  transactionBegun: z.boolean(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const SessionInfo = z.object({
  sessionId: SessionId,
  profileId: ProfileId,
  backendPid: z.number().int(),
  serverVersionNum: z.number().int(),
  transactionState: TransactionState,
  /** The profile is read-only: user statements run inside BEGIN READ ONLY. */
  readOnly: z.boolean(),
  /** The database the session is connected to. */
  database: z.string(),
  /** How long the open transaction has been open (main's clock at the answer); null when none. */
  transactionAgeMs: z.number().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** History keeps this much of each statement (the tab keeps the whole text). */
export const HISTORY_SQL_CHARS = 20_000;

export const HistoryEntry = z.object({
  id: z.string(),
  profileId: ProfileId,
  at: z.string(),
  sql: z.string(),
  /** The statement was longer than history keeps (see HISTORY_SQL_CHARS) and was cut. */
  truncated: z.boolean().optional(),
  durationMs: z.number(),
  rowCount: z.number().int().nullable(),
  error: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Snippet = z.object({
  id: z.string(),
  name: z.string(),
  sql: z.string(),
  updatedAt: z.string(),
});
export type Snippet = z.infer<typeof Snippet>;

/** The catalog as the editor's autocomplete needs it; fetched with one query. */
export const Completions = z.object({
  schemas: z.array(z.string()),
  /** current_schemas(false): relations found there are typed without their schema. */
  searchPath: z.array(z.string()),
  relations: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      kind: z.enum(["table", "view", "materialized view", "foreign table", "partitioned table"]),
    }),
  ),
  columns: z.array(
    z.object({ schema: z.string(), relation: z.string(), name: z.string(), type: z.string() }),
  ),
  functions: z.array(
    z.object({
      schema: z.string(),
      name: z.string(),
      args: z.string(),
      result: z.string(),
      kind: z.enum(["function", "aggregate", "window"]),
      /** COMMENT ON FUNCTION (pg_catalog's functions have one each). */
      description: z.string().nullable(),
      /** The argument lists of its other overloads (a few). */
      overloads: z.array(z.string()),
    }),
  ),
  /** Foreign keys between the user's tables, for join conditions. */
  foreignKeys: z.array(
    z.object({
      schema: z.string(),
      table: z.string(),
      columns: z.array(z.string()),
      refSchema: z.string(),
      refTable: z.string(),
      refColumns: z.array(z.string()),
    }),
  ),
  /** The server's keywords that quote_ident() quotes (every one not unreserved). */
  quotedKeywords: z.array(z.string()),
});
export type Completions = z.infer<typeof Completions>;

export const ExportFormat = z.enum(["csv", "json", "sql"]);

export const queryChannels = {
  /**
   * Opens an editor tab's own connection (not from the pool), so SET, temp tables and
   * transactions persist between runs as in psql. Closed by query:closeSession, on
   * shutdown, or after it sits idle for a long time.
   */
  "query:openSession": channel({
    input: z.object({ profileId: ProfileId, database: z.string().min(1).max(252).optional() }).strict(),
    output: SessionInfo,
  }),
  /** Closes a tab's connection; an open transaction is rolled back by the server. */
  "query:closeSession": channel({ input: z.object({ sessionId: SessionId }).strict(), output: z.object({}) }),
  /** The session's current state (e.g. after a reconnect or to refresh the transaction badge). */
  "query:sessionInfo": channel({ input: z.object({ sessionId: SessionId }).strict(), output: SessionInfo }),
  /**
   * Runs the statements of `sql` chosen by `mode` one after another, stopping at the first
   * error. Rows stream as query:didReceiveRows events while the call is pending; the answer
   * summarizes every statement. `rowCap` null loads every row (explicit "load all").
   */
  "query:run": channel({
    input: z
      .object({
        sessionId: SessionId,
        runId: RunId,
        sql: z.string().max(5_000_000),
        mode: RunMode.default("all"),
        /** For statement-at-cursor: 0-based offset of the caret in `sql`. */
        cursorOffset: z.number().int().min(0).optional(),
        /** For selection: the selected range of `sql`, end exclusive. */
        selection: z
          .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
          .strict()
          .optional(),
        rowCap: z.number().int().min(1).nullable().default(10_000),
        /** The tab's statement timeout; 0 = none. Applied when it changes. */
        statementTimeoutMs: z.number().int().min(0).max(2_147_483_647).optional(),
        /**
         * false (manual mode): a statement outside a transaction opens one first (BEGIN), as
         * psql's AUTOCOMMIT off; the user ends it with query:endTransaction or COMMIT/ROLLBACK.
         */
        autocommit: z.boolean().default(true),
        /** The user's yes to statements the safeguards stopped (tokens from ConfirmationRequest). */
        confirmations: z.array(ConfirmToken).max(100).default([]),
      })
      .strict(),
    output: RunSummary,
  }),
  /**
   * Ends the session's open transaction: COMMIT (a failed transaction can only roll back,
   * and says so in `outcome`) or ROLLBACK.
   */
  "query:endTransaction": channel({
    input: z.object({ sessionId: SessionId, action: z.enum(["commit", "rollback"]) }).strict(),
    output: z.object({
      outcome: z.enum(["committed", "rolled-back", "no-transaction"]),
      session: SessionInfo,
    }),
  }),
  /**
   * The statements a run in this mode would execute (parsed by PostgreSQL's parser), e.g.
   * the one under the caret to EXPLAIN. A syntax error comes back as a VALIDATION error
   * with the position in `sql`.
   */
  "query:statements": channel({
    input: z
      .object({
        sql: z.string().max(5_000_000),
        mode: RunMode,
        cursorOffset: z.number().int().min(0).optional(),
        selection: z
          .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
          .strict()
          .optional(),
      })
      .strict(),
    output: z.array(
      z.object({ start: z.number().int(), end: z.number().int(), text: z.string(), kind: z.string() }),
    ),
  }),
  /** Sends the protocol CancelRequest for the session's running statement (works after SET ROLE). */
  "query:cancel": channel({
    input: z.object({ sessionId: SessionId }).strict(),
    output: z.object({ sent: z.boolean() }),
  }),
  /** Executed statements, newest first; `search` matches the SQL text case-insensitively. */
  "query:history": channel({
    input: z
      .object({
        profileId: ProfileId.optional(),
        search: z.string().max(500).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.array(HistoryEntry),
  }),
  "query:clearHistory": channel({ input: z.object({}).strict(), output: z.object({}) }),
  /** Saved snippets, by name. */
  "query:snippets": channel({ input: z.object({}).strict(), output: z.array(Snippet) }),
  /** Creates (no id) or updates a snippet. */
  "query:saveSnippet": channel({
    input: z
      .object({
        id: z.string().max(64).optional(),
        name: z.string().trim().min(1).max(200),
        sql: z.string().max(1_000_000),
      })
      .strict(),
    output: Snippet,
  }),
  "query:deleteSnippet": channel({
    input: z.object({ id: z.string().max(64) }).strict(),
    output: z.object({}),
  }),
  /** Schemas, tables, columns and functions of the profile's database for autocomplete. */
  "query:completions": channel({
    input: z.object({ profileId: ProfileId, database: z.string().min(1).max(252).optional() }).strict(),
    output: Completions,
  }),
  /**
   * Streams the full result of one statement (run again on the tab's session, not what
   * the grid loaded) to a file; progress arrives as query:didExportProgress.
   */
  "query:export": channel({
    input: z
      .object({
        sessionId: SessionId,
        exportId: RunId,
        sql: z.string().min(1).max(5_000_000),
        format: ExportFormat,
        path: z.string().min(1).max(4096),
        /** For SQL INSERTs: the table name to insert into. */
        tableName: z.string().max(200).optional(),
      })
      .strict(),
    output: z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() }),
  }),
  /**
   * Saves a tab's text as a .sql file through the desktop's Save dialog (`path`: the file
   * it came from, offered first). The web host has no dialog: `supported` false, and the
   * page downloads the file instead.
   */
  "query:saveFile": channel({
    input: z
      .object({
        sql: TabSql,
        suggestedName: z.string().min(1).max(255),
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.object({ supported: z.boolean(), path: z.string().optional() }),
  }),
  /** Opens a .sql file through the desktop's Open dialog (web host: `supported` false, the page reads one). */
  "query:openFile": channel({
    input: z.object({}).strict(),
    output: z.object({
      supported: z.boolean(),
      file: z.object({ path: z.string(), name: z.string(), sql: z.string() }).optional(),
    }),
  }),
} as const;

export const queryEvents = {
  /** A statement of a run produced a row description: the grid can draw its header. */
  "query:didStartResult": event({
    payload: z.object({
      sessionId: SessionId,
      runId: RunId,
      index: z.number().int(),
      columns: z.array(ResultColumn),
    }),
  }),
  /** The next batch of rows of statement `index` of a run. */
  "query:didReceiveRows": event({
    payload: z.object({ sessionId: SessionId, runId: RunId, index: z.number().int(), batch: PackedBatch }),
  }),
  /** A statement of a run finished (or failed). */
  "query:didFinishStatement": event({
    payload: z.object({ sessionId: SessionId, runId: RunId, result: StatementResult }),
  }),
  /** A NOTICE, WARNING, INFO... the server sent on a session (RAISE NOTICE, DROP IF EXISTS...). */
  "query:didNotice": event({
    payload: z.object({
      sessionId: SessionId,
      runId: RunId.optional(),
      severity: z.string(),
      message: z.string(),
      sqlState: z.string().optional(),
      detail: z.string().optional(),
      hint: z.string().optional(),
    }),
  }),
  /** The session's connection ended (server restart, idle timeout, terminated). */
  "query:didCloseSession": event({
    payload: z.object({ sessionId: SessionId, reason: z.string() }),
  }),
  "query:didExportProgress": event({
    payload: z.object({
      sessionId: SessionId,
      exportId: RunId,
      rows: z.number().int(),
      bytes: z.number().int(),
      done: z.boolean(),
    }),
  }),
} as const;
