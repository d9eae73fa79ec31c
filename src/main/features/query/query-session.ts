import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { SessionInfo, TransactionState } from "../../../shared/contract/query";
import { connectClient } from "../../db/connection-manager";
import type { ConnectionParams } from "../profiles/profile.store";
import { sendCancelRequest } from "./cancel-request";

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
  running: { runId: string; cancelRequested: boolean } | undefined;
  /** statement_timeout last applied for the tab, to SET it only when it changes. */
  appliedTimeoutMs: number | undefined;
  closed = false;
  serverVersionNum = 0;
  private onClosed: ((reason: string) => void) | undefined;

  private constructor(
    readonly profileId: string,
    readonly database: string | undefined,
    readonly readOnly: boolean,
    readonly client: pg.Client,
    private readonly target: { host: string; port: number },
  ) {}

  static async open(
    profileId: string,
    params: ConnectionParams,
    options: { database?: string | undefined; onNotice: NoticeSink; onClosed: (reason: string) => void },
  ): Promise<QuerySession> {
    // TLS as the profile says, and a read-only profile's default_transaction_read_only
    const { client } = await connectClient(options.database ? { ...params, database: options.database } : params);
    const session = new QuerySession(profileId, options.database, params.readOnly === true, client, { host: params.host, port: params.port });
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
    client.on("error", (err) => session.markClosed(`connection lost: ${err.message}`));
    client.on("end", () => session.markClosed("connection closed"));
    session.onClosed = options.onClosed;
    const v = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    session.serverVersionNum = Number(v.rows[0]?.v ?? 0);
    return session;
  }

  get backendPid(): number {
    return (this.client as unknown as { processID: number | null }).processID ?? 0;
  }

  transactionState(): TransactionState {
    if (this.closed) return "unknown";
    const status = (this.client as unknown as { getTransactionStatus(): string | null }).getTransactionStatus();
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
    };
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
    await sendCancelRequest(this.target, c.processID, c.secretKey);
    return true;
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
