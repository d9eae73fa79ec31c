import { randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { SessionInfo, TransactionState } from "../../../shared/contract/query";
import { atHost, connectClient } from "../../db/connection-manager";
import { LIVENESS, probeServer, watchLiveness } from "../../db/liveness.probe";
import type { ConnectionParams } from "../../db/connection-params";
import { serverVersion } from "../../db/server-version";
import { sendCancelRequest } from "./cancel-request";

/**
 * A server that got a CancelRequest answers within moments; if nothing at all arrives
 * this long after one, the server is probed at once instead of after LIVENESS.silenceMs.
 */
export const CANCEL_GRACE_MS = 3_000;

export interface NoticeSink {
  (notice: { severity: string; message: string; sqlState?: string; detail?: string; hint?: string }): void;
}

/**
 * One editor tab's own connection (never from the pool): SET, temp tables, prepared
 * statements and transactions persist between runs exactly as in psql.
 */
export class QuerySession {
  readonly id = randomBytes(12).toString("base64url");
  lastUsed = Date.now();
  /** The run in progress; one at a time per session. */
  running: { runId: string; cancelRequested: boolean; cancelSentAt?: number } | undefined;
  /** statement_timeout last applied for the tab, to SET it only when it changes. */
  appliedTimeoutMs: number | undefined;
  closed = false;
  serverVersionNum = 0;
  /** Why the connection was lost (not closed on purpose), in pg's or the watchdog's words. */
  lostBecause: string | undefined;
  /** The database the session is connected to (current_database()). */
  currentDatabase = "";
  /** When the open transaction began (Date.now of the statement that opened it); undefined when idle. */
  transactionStartedAt: number | undefined;
  /** Statements the safeguards stopped, by the token the user's yes must carry back. */
  private readonly pendingConfirmations = new Map<string, string>();
  private onClosed: ((reason: string) => void) | undefined;

  private constructor(
    readonly profileId: string,
    readonly database: string | undefined,
    readonly readOnly: boolean,
    readonly client: pg.Client,
    private readonly params: ConnectionParams,
  ) {}

  static async open(
    profileId: string,
    params: ConnectionParams,
    options: { database?: string | undefined; onNotice: NoticeSink; onClosed: (reason: string) => void },
  ): Promise<QuerySession> {
    // TLS as the profile says, and a read-only profile's default_transaction_read_only
    const { client, target } = await connectClient(
      options.database ? { ...params, database: options.database } : params,
    );
    // cancel requests and liveness probes must go to the host of the list the session landed on
    const session = new QuerySession(
      profileId,
      options.database,
      params.readOnly === true,
      client,
      atHost(params, target),
    );
    client.on("notice", (msg) => {
      options.onNotice({
        severity: msg.severity ?? "NOTICE",
        message: msg.message ?? "",
        ...(msg.code ? { sqlState: msg.code } : {}),
        ...(msg.detail ? { detail: msg.detail } : {}),
        ...(msg.hint ? { hint: msg.hint } : {}),
      });
    });
    // without a listener a dropped connection would crash the process
    client.on("error", (err) => {
      session.lostBecause ??= err.message;
      session.markClosed(`connection lost: ${err.message}`);
    });
    client.on("end", () => session.markClosed("connection closed"));
    session.onClosed = options.onClosed;
    session.serverVersionNum = (await serverVersion(client)).num;
    const db = await client.query<{ db: string }>("SELECT current_database() AS db");
    session.currentDatabase = db.rows[0]?.db ?? "";
    if (session.serverVersionNum >= 140000) {
      // a statement whose tab lost its connection stops within 5 s instead of running on
      // (and holding its locks) until it next writes to the dead socket
      // best effort: a PostgreSQL-compatible server that lacks the setting still gets its tab
      await client.query("SET client_connection_check_interval = '5s'").catch(() => undefined);
    }
    return session;
  }

  /** What the user reads when the connection went away under a statement. */
  lossMessage(): string {
    return (
      `Connection to the server was lost: ${this.lostBecause ?? "the connection closed"}. ` +
      "Whether the statement finished is unknown; an open transaction was rolled back. The next run reconnects."
    );
  }

  /**
   * Guards a run against a connection that went silent: see LIVENESS. Returns the
   * function that stops watching.
   */
  watch(): () => void {
    const stream = this.socket();
    let last = Date.now();
    const onData = () => {
      last = Date.now();
    };
    stream?.on("data", onData);
    const stop = watchLiveness({
      lastActivity: () => Math.max(last, this.running?.cancelSentAt ?? 0),
      silenceMs: () => (this.running?.cancelSentAt ? CANCEL_GRACE_MS : LIVENESS.silenceMs),
      probe: () => probeServer(this.database ? { ...this.params, database: this.database } : this.params),
      onLost: (reason) => this.abandon(reason),
    });
    return () => {
      stop();
      stream?.off("data", onData);
    };
  }

  /** Gives up a connection that cannot be reached: pending queries fail with lossMessage(). */
  abandon(reason: string): void {
    if (this.closed) return;
    this.lostBecause = reason;
    const stream = this.socket();
    if (stream) stream.destroy(new AppError("CONNECTION", this.lossMessage()));
    else void this.close(`connection lost: ${reason}`);
  }

  private socket(): Socket | undefined {
    return (this.client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
  }

  get backendPid(): number {
    return (this.client as unknown as { processID: number | null }).processID ?? 0;
  }

  transactionState(): TransactionState {
    if (this.closed) return "unknown";
    const status = (
      this.client as unknown as { getTransactionStatus(): string | null }
    ).getTransactionStatus();
    if (status === "I") return "idle";
    if (status === "T") return "in-transaction";
    if (status === "E") return "failed";
    return "unknown";
  }

  info(): SessionInfo {
    return {
      sessionId: this.id,
      profileId: this.profileId,
      backendPid: this.backendPid,
      serverVersionNum: this.serverVersionNum,
      transactionState: this.transactionState(),
      readOnly: this.readOnly,
      database: this.currentDatabase,
      transactionAgeMs: this.transactionAgeMs(),
    };
  }

  /**
   * Follows the transaction status after a statement: the first statement seen inside a
   * transaction dates it (`startedAt`, when that statement was sent); back to idle clears it.
   */
  noteTransaction(startedAt: number): void {
    const state = this.transactionState();
    if (state === "in-transaction" || state === "failed") this.transactionStartedAt ??= startedAt;
    else this.transactionStartedAt = undefined;
  }

  transactionAgeMs(): number | null {
    return this.transactionStartedAt === undefined || this.transactionState() === "idle"
      ? null
      : Date.now() - this.transactionStartedAt;
  }

  /** A token for the user's yes to exactly this statement text. */
  askConfirmation(text: string): string {
    const token = randomBytes(12).toString("base64url");
    // a handful at most are pending; an abandoned question must not grow without bound
    if (this.pendingConfirmations.size >= 50) this.pendingConfirmations.clear();
    this.pendingConfirmations.set(token, text);
    return token;
  }

  /** Whether one of `tokens` was issued for exactly this text; a token is used up when it matches. */
  takeConfirmation(tokens: readonly string[], text: string): boolean {
    for (const token of tokens) {
      if (this.pendingConfirmations.get(token) === text) {
        this.pendingConfirmations.delete(token);
        return true;
      }
    }
    return false;
  }

  /**
   * Waits until the server has answered everything sent so far, so the transaction
   * status (from the last ReadyForQuery) is current. An empty query is valid even
   * inside a failed transaction.
   */
  async settle(): Promise<void> {
    if (!this.closed) await this.client.query("");
  }

  /** Protocol CancelRequest with the backend's secret key: no privilege needed, SET ROLE or not. */
  async cancel(): Promise<boolean> {
    if (this.closed || !this.running) return false;
    this.running.cancelRequested = true;
    const c = this.client as unknown as { processID: number | null; secretKey: number | null };
    if (c.processID === null || c.secretKey === null) return false;
    try {
      await sendCancelRequest({ host: this.params.host, port: this.params.port }, c.processID, c.secretKey);
      if (this.running) this.running.cancelSentAt = Date.now();
      return true;
    } catch (err) {
      // the server cannot be reached to cancel: stop waiting for it, so the run ends now
      this.abandon(`the cancel request could not reach the server (${(err as Error).message})`);
      return false;
    }
  }

  async close(reason = "closed"): Promise<void> {
    if (this.closed) return;
    this.markClosed(reason);
    await this.client.end().catch(() => undefined);
  }

  private markClosed(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed?.(reason);
  }
}
