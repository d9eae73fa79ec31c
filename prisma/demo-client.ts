import type pg from "pg";
import { createPrismaClient, type PrismaClient } from "./client";
import { auditTrail } from "./extensions/audit-trail";
import { softDelete } from "./extensions/soft-delete";

/**
 * The client the seed (and any app code) writes through. Prisma runs the query hooks of
 * the first-applied extension outermost, so the audit trail sees a delete before the
 * soft-delete extension turns it into an update.
 */
export function extendClient(base: PrismaClient) {
  return base.$extends(auditTrail(base)).$extends(softDelete(base));
}
export type DemoClient = ReturnType<typeof extendClient>;

export function createDemoClient(connection: pg.PoolConfig): { base: PrismaClient; db: DemoClient } {
  const base = createPrismaClient(connection);
  return { base, db: extendClient(base) };
}
