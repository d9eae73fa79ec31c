import { createServer, Socket, type Server } from "node:net";

export type FaultMode = "pass" | "stall" | "slow";

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
  openConnections(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const state = { mode: "pass" as FaultMode, delayMs: 200 };
  const pipe = (from: Socket, to: Socket) => {
    from.on("data", (chunk) => {
      if (state.mode === "stall") return;
      if (state.mode === "slow") setTimeout(() => to.writable && to.write(chunk), state.delayMs);
      else if (to.writable) to.write(chunk);
    });
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
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
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    get mode() {
      return state.mode;
    },
    set mode(m: FaultMode) {
      state.mode = m;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    dropAll() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    openConnections: () => pairs.size,
    close: async () => {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
