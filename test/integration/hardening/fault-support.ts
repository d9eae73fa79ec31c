import { connect, createServer, type Socket } from "node:net";
import type { FreshDatabase } from "../../harness/database";
import type { FaultProxy } from "../../harness/fault-proxy";
import { until } from "../../harness/until";

/** Server sessions with application_name 'pgdesk' on the test database (pg_dump's included: it runs with PGAPPNAME=pgdesk). */
export async function pgdeskSessions(db: FreshDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgdesk' AND datname = $1",
    [db.name],
  );
  return rows[0]!.n;
}

/** Waits until the backend `pid` is running a statement whose text contains `needle` (direct connection, not via the proxy). */
export async function backendRunning(
  db: FreshDatabase,
  pid: number,
  needle: string,
  timeoutMs = 10_000,
): Promise<void> {
  await until(
    async () => {
      const r = await db.pool.query(
        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND position($2 in query) > 0",
        [pid, needle],
      );
      return (r.rowCount ?? 0) > 0;
    },
    `backend ${pid} to start running ${needle}`,
    timeoutMs,
  );
}

/** One line for the lead's closing note: how many faults a suite injected. */
export function reportFaults(path: string, proxy: FaultProxy | undefined): void {
  if (proxy) console.log(`[network faults] ${path}: ${proxy.faultsInjected()} faults injected`);
}

/**
 * A stand-in for PgBouncer's startup handling: refuses a StartupMessage carrying `options`
 * ("unsupported startup parameter: options", as PgBouncer does by default) and passes
 * every other connection through to `target`. Counts the refusals.
 */
export async function startPickyPooler(target: {
  host: string;
  port: number;
}): Promise<{ port: number; refused(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let refused = 0;
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 8 && buffered.length >= buffered.readInt32BE(0)) {
        const length = buffered.readInt32BE(0);
        const code = buffered.readInt32BE(4);
        const packet = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        if (code === 80877103 || code === 80877104) {
          client.write("N"); // no TLS, no GSS encryption
          continue;
        }
        client.off("data", onData);
        const keys = packet
          .subarray(8)
          .toString("utf8")
          .split("\0")
          .filter((_, i) => i % 2 === 0);
        if (keys.includes("options")) {
          refused++;
          client.end(errorResponse("FATAL", "08P01", "unsupported startup parameter: options"));
          return;
        }
        const upstream = connect(target.port, target.host);
        sockets.add(upstream);
        upstream.on("close", () => client.destroy());
        upstream.on("error", () => client.destroy());
        client.on("close", () => upstream.destroy());
        upstream.write(Buffer.concat([packet, buffered]));
        client.pipe(upstream);
        upstream.pipe(client);
        return;
      }
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    refused: () => refused,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function errorResponse(severity: string, code: string, message: string): Buffer {
  const fields = Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${message}\0\0`, "utf8");
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}
