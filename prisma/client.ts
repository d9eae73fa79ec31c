import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "../src/generated/prisma/client";

export { PrismaClient };

/** Prisma Client 7 over node-postgres (driver adapter): no engine binary involved. */
export function createPrismaClient(connection: pg.PoolConfig): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ max: 4, ...connection }) });
}
