import type { PrismaClient } from "../client";

/**
 * Empties every table of the schema except Prisma's bookkeeping, so a second run of the
 * seed starts from the same state as the first (idempotent: reset and recreate).
 */
export async function resetDatabase(base: PrismaClient): Promise<void> {
  const tables = await base.$queryRaw<Array<{ name: string }>>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  await base.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => t.name).join(", ")} RESTART IDENTITY CASCADE`);
}
