import { Prisma, PrismaClient } from "../../generated/store/client";
import { StoreLibSql } from "./libsql-adapter";
import { BUSY_TIMEOUT_MS } from "./store-file";

/** The store's generated Prisma Client; only repositories (`*.repo.ts`) use it. */
export type StoreClient = PrismaClient;
export { Prisma };

/**
 * Prisma Client 7 over libsql (driver adapter, a prebuilt N-API binary): no engine.
 * Each statement Prisma sends is its own implicit transaction, committed before the
 * call returns.
 */
export function createStoreClient(url: string): StoreClient {
  return openStoreClient(url).db;
}

/** The client and how to close it for good (later queries fail instead of reconnecting). */
export function openStoreClient(url: string): { db: StoreClient; close(): Promise<void> } {
  const adapter = new StoreLibSql({ url, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  return {
    db,
    close: async () => {
      adapter.refuseConnections();
      await db.$disconnect();
    },
  };
}

/** Prisma's "record not found" (P2025) and "unique constraint" (P2002) errors. */
export function isPrismaError(err: unknown, code: "P2025" | "P2002"): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === code;
}
