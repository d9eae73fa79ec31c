import { createServer, type Socket } from "node:net";

export interface BlackHole {
  port: number;
  /** Connections accepted so far (each one is held open and never answered). */
  accepted(): number;
  close(): Promise<void>;
}

/** A listening socket that accepts connections and never answers: a server that hangs. */
export async function startBlackHole(): Promise<BlackHole> {
  const held = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    held.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => held.delete(socket));
    socket.on("data", () => undefined); // read and drop, so the sender never blocks
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    accepted: () => accepted,
    close: async () => {
      for (const s of held) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
