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
import { call, callAsPageLeaves, on } from "../../lib/api";
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
  ) {
    registerController(this);
  }

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
      const runId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      this.runId = runId;
      this.results = [];
      this.notices = [];
      this.summary = undefined;
      try {
        this.summary = await call("query:run", {
          sessionId: session.sessionId,
          runId,
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
    if (this.session && this.running) await call("query:cancel", { sessionId: this.session.sessionId });
  }

  async close(): Promise<void> {
    unregisterController(this);
    const s = this.session;
    this.session = undefined;
    if (s) await call("query:closeSession", { sessionId: s.sessionId }).catch(() => undefined);
  }

  ensureSession(): Promise<SessionInfo> {
    if (this.session) return Promise.resolve(this.session);
    this.opening ??= call("query:openSession", { profileId: this.profileId })
      .then((s) => {
        this.session = s;
        return s;
      })
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  /** Events of this tab's session (dispatched by sessionId). */
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

const controllers = new Set<RunController>();
let wired = false;

function registerController(c: RunController): void {
  controllers.add(c);
  if (wired) return;
  wired = true;
  const find = (sessionId: string) => {
    for (const x of controllers) if (x.session?.sessionId === sessionId) return x;
    return undefined;
  };
  on("query:didStartResult", (p) => find(p.sessionId)?.onStart(p.runId, p.index, p.columns));
  on("query:didReceiveRows", (p) => find(p.sessionId)?.onRows(p.runId, p.index, p.batch));
  on("query:didFinishStatement", (p) => find(p.sessionId)?.onFinish(p.runId, p.result));
  on("query:didNotice", (p) => find(p.sessionId)?.onNotice(p));
  on("query:didCloseSession", (p) => find(p.sessionId)?.onClosed());
  // a reload or a closed window would otherwise leave each tab's server session open
  // until main's idle timeout (an hour), holding a connection and maybe a transaction
  window.addEventListener("pagehide", () => {
    for (const x of controllers)
      if (x.session) callAsPageLeaves("query:closeSession", { sessionId: x.session.sessionId });
  });
}

function unregisterController(c: RunController): void {
  controllers.delete(c);
}

const registry = new Map<string, RunController>();

/** The controller of an editor tab (created on first use, kept while the tab is open). */
export function controllerFor(tabId: string, profileId: string): RunController {
  let c = registry.get(tabId);
  if (!c) {
    c = new RunController(tabId, profileId);
    registry.set(tabId, c);
  }
  return c;
}

export async function closeController(tabId: string): Promise<void> {
  const c = registry.get(tabId);
  registry.delete(tabId);
  await c?.close();
}
