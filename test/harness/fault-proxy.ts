import { createServer, Socket, type Server } from "node:net";

export type FaultMode = "pass" | "stall" | "slow";

/** What faultAfter() does once its byte count has gone by. */
export type Fault = "drop" | "stall";

/**
 * A TCP proxy between pgdesk and PostgreSQL that can drop every connection, black-hole
 * them (stall: bytes are swallowed, nothing is answered) or slow them down.
 */
export interface FaultProxy {
  port: number;
  mode: FaultMode;
  /** Milliseconds added per chunk in "slow" mode. */
  delayMs: number;
  /** Closes every open connection at once (a dropped network). */
  dropAll(): void;
  /**
   * Injects `fault` once `bytes` more bytes have gone from the server to the client (over
   * all connections), so a fault lands mid-stream whatever the timing. The chunk that
   * crosses the mark is cut there. Resolves with the time the fault was injected.
   */
  faultAfter(bytes: number, fault: Fault): Promise<number>;
  /** Server-to-client bytes passed since the proxy started. */
  bytesDown(): number;
  /** Faults injected so far: each dropAll(), each switch into "stall", each faultAfter() that fired. */
  faultsInjected(): number;
  openConnections(): number;
  /** Connections accepted since the proxy started (a health check on a new connection shows up here). */
  connectionsAccepted(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const state = { mode: "pass" as FaultMode, delayMs: 200, faults: 0, down: 0, accepted: 0 };
  let armed: { at: number; fault: Fault; fired: (at: number) => void } | undefined;

  const setMode = (m: FaultMode) => {
    if (m === "stall" && state.mode !== "stall") state.faults++;
    state.mode = m;
  };
  const dropAll = () => {
    state.faults++;
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  /** Passes what may pass of a server chunk and fires an armed fault at its mark. */
  const downstream = (chunk: Buffer, to: Socket) => {
    if (armed && state.down + chunk.length >= armed.at) {
      const { at, fault, fired } = armed;
      armed = undefined;
      const head = chunk.subarray(0, at - state.down);
      state.down = at;
      if (to.writable && head.length) to.write(head);
      if (fault === "stall") setMode("stall");
      else dropAll();
      fired(Date.now());
      return;
    }
    state.down += chunk.length;
    if (to.writable) to.write(chunk);
  };
  const pipe = (from: Socket, to: Socket, down: boolean) => {
    from.on("data", (chunk: Buffer) => {
      if (state.mode === "stall") return;
      if (state.mode === "slow") setTimeout(() => to.writable && to.write(chunk), state.delayMs);
      else if (down) downstream(chunk, to);
      else if (to.writable) to.write(chunk);
    });
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    state.accepted++;
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
    upstream.connect(target.port, target.host);
    pipe(client, upstream, false);
    pipe(upstream, client, true);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    get mode() {
      return state.mode;
    },
    set mode(m: FaultMode) {
      setMode(m);
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    dropAll,
    faultAfter(bytes, fault) {
      return new Promise<number>((resolve) => {
        armed = { at: state.down + bytes, fault, fired: resolve };
      });
    },
    bytesDown: () => state.down,
    faultsInjected: () => state.faults,
    openConnections: () => pairs.size,
    connectionsAccepted: () => state.accepted,
    close: async () => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
