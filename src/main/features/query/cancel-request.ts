import { connect } from "node:net";

/**
 * Sends PostgreSQL's protocol CancelRequest (length 16, code 80877102, backend pid,
 * secret key) over a fresh socket. Unlike pg_cancel_backend() it needs no privilege,
 * so it still works after the session did SET ROLE to a role that may not signal
 * itself. The server closes the socket without answering; resolves once it did.
 */
export function sendCancelRequest(
  target: { host: string; port: number },
  processId: number,
  secretKey: number,
  timeoutMs = 5_000,
): Promise<void> {
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80877102, 4);
  packet.writeUInt32BE(processId >>> 0, 8);
  packet.writeUInt32BE(secretKey >>> 0, 12);
  return new Promise((resolve, reject) => {
    const socket = target.host.startsWith("/")
      ? connect(`${target.host}/.s.PGSQL.${target.port}`)
      : connect(target.port, target.host);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`cancel request to ${target.host}:${target.port} timed out`));
    }, timeoutMs);
    socket.once("connect", () => socket.end(packet));
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    // the server never answers a cancel request; drain so 'close' fires
    socket.on("data", () => undefined);
  });
}
