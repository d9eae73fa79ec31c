import type { PrismaClient } from "../client";

/**
 * Empties every table of the schema except Prisma's bookkeeping, so a second run of the
 * seed starts from the same state as the first (idempotent: reset and recreate). The
 * server names the tables (format %I), so no identifier is pasted into SQL here.
 */
export async function resetDatabase(base: PrismaClient): Promise<void> {
  await base.$executeRaw`DO $reset$
    DECLARE tables text;
    BEGIN
      SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations';
      IF tables IS NOT NULL THEN
        EXECUTE format('TRUNCATE %s RESTART IDENTITY CASCADE', tables);
      END IF;
    END $reset$`;
}
