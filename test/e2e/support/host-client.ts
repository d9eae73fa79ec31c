import WebSocket from "ws";
import { postText } from "../../harness/http";
import type { ChannelName, InputOf, OutputOf } from "../../../src/shared/contract";
import type { RunningWebHost } from "./web-host";

export interface Recorded {
  kind: "http" | "ws";
  label: string;
  body: string;
}

/**
 * Talks to a running web host the way the renderer does (POST /api/<channel>, events on
 * /ws) and records the raw text of every response body and every WebSocket frame.
 */
export class HostClient {
  readonly recorded: Recorded[] = [];
  private ws: WebSocket | undefined;
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();

  constructor(private readonly host: RunningWebHost) {}

  async connectEvents(): Promise<void> {
    const ws = new WebSocket(`${this.host.origin.replace(/^http/, "ws")}/ws`, {
      headers: { Authorization: `Bearer ${this.host.token}` },
    });
    ws.on("message", (data: Buffer) => {
      const body = data.toString("utf8");
      const { event, payload } = JSON.parse(body) as { event: string; payload: unknown };
      this.recorded.push({ kind: "ws", label: event, body });
      for (const l of this.listeners) l(event, payload);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    this.ws = ws;
  }

  close(): void {
    this.ws?.close();
  }

  /** The raw result ({ ok, value } or { ok: false, error }). */
  async raw(
    channel: string,
    input: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const body = await this.post(`/api/${channel}`, JSON.stringify(input));
    this.recorded.push({ kind: "http", label: channel, body });
    return JSON.parse(body) as never;
  }

  /**
   * One connection per call (no keep-alive): a POST on a reused socket that the server is
   * just closing for idleness fails without a retry, which would fail the test for nothing.
   */
  private post(path: string, text: string): Promise<string> {
    return postText(`${this.host.origin}${path}`, { token: this.host.token, body: text, agent: false });
  }

  async call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
    const result = await this.raw(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error?.code} ${result.error?.message}`);
    return result.value as OutputOf<C>;
  }

  /** Resolves with the first event `match` accepts (frames that arrived earlier are not replayed). */
  waitForEvent(
    match: (event: string, payload: unknown) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (event: string, payload: unknown) => {
        if (!match(event, payload)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(payload);
      };
      this.listeners.add(listener);
    });
  }
}
