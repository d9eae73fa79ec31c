import type { Client, Config, InStatement, Transaction, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";

const begin: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

/**
 * Prisma's libsql adapter with one change: a transaction runs on the client's one
 * connection. The local libsql client hands its connection to each transaction and opens
 * a new one for whatever follows, so the old one stays open (its file handle too) until
 * garbage collection, past close() at shutdown. The adapter holds its lock from BEGIN to
 * COMMIT/ROLLBACK, so nothing else can run on the connection meanwhile.
 */
export class StoreLibSql extends PrismaLibSql {
  private closed = false;

  /** Prisma reconnects on the next query after $disconnect(); a closed store must not. */
  refuseConnections(): void {
    this.closed = true;
  }

  override connect(): ReturnType<PrismaLibSql["connect"]> {
    if (this.closed) return Promise.reject(new Error("The app's store is closed (the app is shutting down)"));
    return super.connect();
  }

  override createClient(config: Config): Client {
    const client = super.createClient(config);
    client.transaction = (mode: TransactionMode = "write") => sameConnection(client, mode);
    return client;
  }
}

async function sameConnection(client: Client, mode: TransactionMode): Promise<Transaction> {
  await client.execute(begin[mode]);
  let closed = false;
  const end = async (sql: "COMMIT" | "ROLLBACK") => {
    if (closed) return;
    await client.execute(sql);
    // a failed COMMIT leaves the transaction open: the adapter rolls it back
    closed = true;
  };
  return {
    execute: (stmt: InStatement) => client.execute(stmt),
    batch: async (stmts: InStatement[]) => {
      const out = [];
      for (const stmt of stmts) out.push(await client.execute(stmt));
      return out;
    },
    // the client's executeMultiple rolls back any open transaction when it ends
    executeMultiple: () =>
      Promise.reject(new Error("executeMultiple is not available inside a store transaction")),
    commit: () => end("COMMIT"),
    rollback: () => end("ROLLBACK"),
    close: () => void end("ROLLBACK").catch(() => undefined),
    get closed() {
      return closed;
    },
  };
}
