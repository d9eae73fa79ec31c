import type { InputOf } from "../../../../shared/contract";
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
}

/**
 * The calls a tab's session makes to main. query.queries.ts gives the real one (the only
 * place that talks to the transport); tests give their own.
 */
export interface RunTransport {
  openSession(profileId: string): Promise<SessionInfo>;
  run(input: InputOf<"query:run">): Promise<RunSummary>;
  cancel(sessionId: string): Promise<unknown>;
  closeSession(sessionId: string): Promise<unknown>;
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
  version = 0;
  private readonly listeners = new Set<() => void>();
  private frame: number | undefined;
  private opening: Promise<SessionInfo> | undefined;

  constructor(
    readonly tabId: string,
    readonly profileId: string,
    private readonly transport: RunTransport,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  get transactionState(): TransactionState {
    return this.summary?.transactionState ?? this.session?.transactionState ?? "unknown";
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
    if (s) await this.transport.closeSession(s.sessionId).catch(() => undefined);
  }

  /** The tab's session, opened on first use; concurrent callers share one opening. */
  ensureSession(): Promise<SessionInfo> {
    if (this.session) return Promise.resolve(this.session);
    this.opening ??= this.transport
      .openSession(this.profileId)
      .then((s) => {
        this.session = s;
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
    this.notify();
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

/** The controllers of the open editor tabs, by tab; events from main find theirs by session. */
export class RunControllers {
  private readonly byTab = new Map<string, RunController>();

  constructor(private readonly transport: RunTransport) {}

  /** The controller of an editor tab (created on first use, kept while the tab is open). */
  forTab(tabId: string, profileId: string): RunController {
    let c = this.byTab.get(tabId);
    if (!c) {
      c = new RunController(tabId, profileId, this.transport);
      this.byTab.set(tabId, c);
    }
    return c;
  }

  bySession(sessionId: string): RunController | undefined {
    for (const c of this.byTab.values()) if (c.session?.sessionId === sessionId) return c;
    return undefined;
  }

  /** Sessions still open, to close as the page goes away. */
  openSessions(): string[] {
    return [...this.byTab.values()].flatMap((c) => (c.session ? [c.session.sessionId] : []));
  }

  async close(tabId: string): Promise<void> {
    const c = this.byTab.get(tabId);
    this.byTab.delete(tabId);
    await c?.close();
  }
}
