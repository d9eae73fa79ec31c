import { createServer } from "node:net";

/** Asks the OS for a free loopback port (listens on port 0, reads the port back, closes). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Whether a start failed because its port was taken: the errno, or the server's own words (PostgreSQL, sshd). */
export function isPortTaken(err: unknown): boolean {
  const text =
    err instanceof Error ? `${err.message} ${(err as NodeJS.ErrnoException).code ?? ""}` : String(err);
  return /EADDRINUSE|Address already in use/i.test(text);
}

/**
 * Starts a program that must be told its port before it binds (PostgreSQL, sshd) on a port
 * the OS just handed out. Between asking and binding, any other program may be handed the
 * same port: when the start fails for that reason, it starts again on a new one. Any other
 * failure, or the last attempt's, is thrown as it came.
 */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (err) {
      if (attempt >= attempts || !isPortTaken(err)) throw err;
    }
  }
}
