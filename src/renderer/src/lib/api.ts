import type { CallResult } from "../../../shared/contract/errors";
import type { ChannelName, EventName, InputOf, OutputOf, PayloadOf } from "../../../shared/contract";
import { ApiError } from "./api-error";

/** How calls and events travel: the Electron preload, or HTTP + WebSocket to the web host. */
interface Transport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  /** Sends a call that must reach main even though the page is going away. */
  send(channel: string, input: unknown): void;
}

function electronTransport(bridge: PgdeskBridge): Transport {
  // the IPC message leaves at once; only its answer is lost with the page
  return {
    invoke: (c, i) => bridge.invoke(c, i),
    on: (e, cb) => bridge.on(e, cb),
    send: (channel, input) => void bridge.invoke(channel, input).catch(() => undefined),
  };
}

/** The web host keeps the token in an HttpOnly cookie, so same-origin requests carry it. */
function webTransport(): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retry = 500;

  const connect = () => {
    socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
    socket.onopen = () => {
      retry = 500;
    };
    socket.onmessage = (msg) => {
      const { event, payload } = JSON.parse(String(msg.data)) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
    socket.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  const post = (channel: string, input: unknown, keepalive = false) =>
    fetch(`/api/${encodeURIComponent(channel)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input ?? {}),
      credentials: "same-origin",
      keepalive,
    });

  return {
    async invoke(channel, input) {
      return (await post(channel, input)).json();
    },
    // keepalive lets the request outlive the page that sent it
    send: (channel, input) => void post(channel, input, true).catch(() => undefined),
    on(event, cb) {
      if (!socket) connect();
      const set = listeners.get(event) ?? new Set();
      set.add(cb);
      listeners.set(event, set);
      return () => set.delete(cb);
    },
  };
}

const transport: Transport = window.pgdesk ? electronTransport(window.pgdesk) : webTransport();

/** The one client of the contract. Throws ApiError with the server's words on failure. */
export async function call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = (await transport.invoke(channel, input)) as CallResult<OutputOf<C>>;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** A call made while the page unloads (reload, close): sent, never awaited. */
export function callAsPageLeaves<C extends ChannelName>(channel: C, input: InputOf<C>): void {
  transport.send(channel, input);
}

/** Subscribes to a stream from main; returns the unsubscribe function. */
export function on<E extends EventName>(event: E, cb: (payload: PayloadOf<E>) => void): () => void {
  return transport.on(event, cb as (payload: unknown) => void);
}

export const hostKind = window.pgdesk ? "electron" : "web";
