import type { InputOf, OutputOf } from "../../../../shared/contract";
import type { ApiErrorData } from "../../../../shared/contract/errors";
import type {
  ResultColumn,
  RunMode,
  RunSummary,
  SessionInfo,
  StatementResult,
  TransactionState,
} from "../../../../shared/contract/query";
import { ResultData } from "../../../../shared/query/result-data";
import { ApiError } from "../../lib/api-error";

export interface StatementView {
  index: number;
  data: ResultData;
  result?: StatementResult;
}

export interface NoticeView {
  severity: string;
  message: string;
  sqlState?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
}

export interface RunRequest {
  sql: string;
  mode: RunMode;
  cursorOffset?: number;
  selection?: { start: number; end: number };
  rowCap: number | null;
  statementTimeoutMs: number;
  /** false: manual mode (main opens a transaction the user ends). */
  autocommit: boolean;
  /** The user's yes to statements the safeguards stopped. */
  confirmations?: string[];
}

/** How long the open transaction has been open: main's figure, and when the page received it. */
export interface TransactionAge {
  ms: number;
  receivedAt: number;
}

/** A statement main stopped for the user's yes, with the run it belongs to. */
export interface PendingConfirmation {
  request: RunRequest;
  result: StatementResult;
}

/**
 * The calls a tab's session makes to main. query.queries.ts gives the real one (the only
 * place that talks to the transport); tests give their own.
 */
export interface RunTransport {
  openSession(profileId: string, database: string | undefined): Promise<SessionInfo>;
  run(input: InputOf<"query:run">): Promise<RunSummary>;
  cancel(sessionId: string): Promise<unknown>;
  closeSession(sessionId: string): Promise<unknown>;
  endTransaction(sessionId: string, action: "commit" | "rollback"): Promise<OutputOf<"query:endTransaction">>;
}

const newRunId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * One editor tab's connection and its latest run, outside React so results survive
 * switching areas. Streamed rows land in ResultData; views re-render at most once a frame.
 */
export class RunController {
  session: SessionInfo | undefined;
  running = false;
  runId: string | undefined;
  results: StatementView[] = [];
  notices: NoticeView[] = [];
  summary: RunSummary | undefined;
  /** A failure of the call itself (connection refused, session gone), not of a statement. */
  error: ApiErrorData | undefined;
  lastRequest: RunRequest | undefined;
  /** Set while the open transaction's age is known (after a run, Commit/Rollback or opening). */
  transactionAge: TransactionAge | undefined;
  /** The statement the safeguards stopped in the last run, until the user answers. */
  pendingConfirmation: PendingConfirmation | undefined;
  version = 0;
  private readonly listeners = new Set<() => void>();
  private frame: number | undefined;
  private opening: Promise<SessionInfo> | undefined;

  constructor(
    readonly tabId: string,
    readonly profileId: string,
    private readonly transport: RunTransport,
    /** The database the tab runs in (undefined: the profile's pages' database). */
    public database: string | undefined = undefined,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  get transactionState(): TransactionState {
    if (!this.session) return "unknown";
    return this.summary?.transactionState ?? this.session.transactionState;
  }

  /** A transaction is open (or failed and waiting for ROLLBACK) on the tab's session. */
  get inTransaction(): boolean {
    return this.transactionState === "in-transaction" || this.transactionState === "failed";
  }

  /** Commit or Rollback of the tab's open transaction; the answer says what happened. */
  async endTransaction(action: "commit" | "rollback"): Promise<OutputOf<"query:endTransaction">["outcome"]> {
    const session = this.session;
    if (!session) return "no-transaction";
    const answer = await this.transport.endTransaction(session.sessionId, action);
    this.session = answer.session;
    if (this.summary) this.summary = { ...this.summary, transactionState: answer.session.transactionState };
    this.noteAge(answer.session.transactionAgeMs);
    this.notify();
    return answer.outcome;
  }

  /** The user answered the safeguards' question: run from that statement on with the yes, or drop it. */
  async answerConfirmation(yes: boolean): Promise<void> {
    const pending = this.pendingConfirmation;
    this.pendingConfirmation = undefined;
    this.notify();
    if (!pending || !yes) return;
    const { request, result } = pending;
    const end = runEnd(request, result);
    await this.run({
      ...request,
      mode: "selection",
      selection: { start: result.start, end },
      confirmations: [result.confirmation!.token],
    });
  }

  /** Moves the tab to another database: its session closes (the caller asked about an open transaction). */
  async switchDatabase(database: string | undefined): Promise<void> {
    if (database === this.database) return;
    this.database = database;
    await this.close();
    this.results = [];
    this.summary = undefined;
    this.notify();
  }

  async run(request: RunRequest): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.error = undefined;
    this.lastRequest = request;
    this.notify();
    try {
      const session = await this.ensureSession();
      this.startRun();
      this.summary = await this.send(session, request);
      for (const r of this.summary.results) this.view(r.index, r.columns).result = r;
      this.noteAge(this.summary.transactionAgeMs);
      const stopped = this.summary.results.find((r) => r.confirmation);
      this.pendingConfirmation = stopped ? { request, result: stopped } : undefined;
    } catch (err) {
      this.error =
        err instanceof ApiError
          ? err.data
          : { code: "INTERNAL", message: err instanceof Error ? err.message : String(err) };
    } finally {
      this.running = false;
      this.notify();
    }
  }

  async cancel(): Promise<void> {
    if (this.session && this.running) await this.transport.cancel(this.session.sessionId);
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    this.transactionAge = undefined;
    if (s) await this.transport.closeSession(s.sessionId).catch(() => undefined);
  }

  /** The tab's session, opened on first use; concurrent callers share one opening. */
  ensureSession(): Promise<SessionInfo> {
    if (this.session) return Promise.resolve(this.session);
    this.opening ??= this.transport
      .openSession(this.profileId, this.database)
      .then((s) => {
        this.session = s;
        this.noteAge(s.transactionAgeMs);
        return s;
      })
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  /** Events of this tab's session (dispatched by sessionId); those of an older run are dropped. */
  onStart(runId: string, index: number, columns: ResultColumn[]): void {
    if (runId !== this.runId) return;
    this.view(index, columns);
    this.notify();
  }

  onRows(runId: string, index: number, batch: Parameters<ResultData["append"]>[0]): void {
    if (runId !== this.runId) return;
    this.view(index, []).data.append(batch);
    this.notify();
  }

  onFinish(runId: string, result: StatementResult): void {
    if (runId !== this.runId) return;
    this.view(result.index, result.columns).result = result;
    this.notify();
  }

  onNotice(notice: NoticeView): void {
    this.notices = [...this.notices, notice];
    this.notify();
  }

  onClosed(): void {
    this.session = undefined;
    this.transactionAge = undefined;
    this.notify();
  }

  private noteAge(ms: number | null): void {
    this.transactionAge = ms === null ? undefined : { ms, receivedAt: Date.now() };
  }

  /** A new run forgets the previous one's results, notices and summary. */
  private startRun(): void {
    this.runId = newRunId();
    this.results = [];
    this.notices = [];
    this.summary = undefined;
  }

  private async send(session: SessionInfo, request: RunRequest): Promise<RunSummary> {
    try {
      return await this.transport.run({
        sessionId: session.sessionId,
        runId: this.runId!,
        sql: request.sql,
        mode: request.mode,
        ...(request.cursorOffset !== undefined ? { cursorOffset: request.cursorOffset } : {}),
        ...(request.selection ? { selection: request.selection } : {}),
        rowCap: request.rowCap,
        statementTimeoutMs: request.statementTimeoutMs,
        autocommit: request.autocommit,
        confirmations: request.confirmations ?? [],
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === "NOT_FOUND") this.session = undefined; // reconnect next time
      throw err;
    }
  }

  private view(index: number, columns: ResultColumn[]): StatementView {
    let v = this.results.find((r) => r.index === index);
    if (!v) {
      v = { index, data: new ResultData(columns) };
      this.results = [...this.results, v].sort((a, b) => a.index - b.index);
    } else if (v.data.columns.length === 0 && columns.length > 0) {
      v.data.columns = columns;
    }
    return v;
  }

  notify(): void {
    if (this.frame !== undefined) return;
    const flush = () => {
      this.frame = undefined;
      this.version++;
      this.listeners.forEach((l) => l());
    };
    this.frame =
      typeof requestAnimationFrame === "function"
        ? requestAnimationFrame(flush)
        : (setTimeout(flush, 16) as unknown as number);
  }
}

/** Where the stopped run's range ends: the rest of what the user asked to run comes after the yes. */
function runEnd(request: RunRequest, stopped: StatementResult): number {
  if (request.mode === "all") return request.sql.length;
  if (request.mode === "selection" && request.selection) return request.selection.end;
  return stopped.end;
}
