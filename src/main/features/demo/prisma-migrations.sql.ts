import { sql } from "../../db/sql";

/** Prisma's own bookkeeping table, column for column, so `prisma migrate status` agrees. */
export const createMigrationsTable = sql`
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

export const appliedMigrations = sql`
  SELECT migration_name, checksum, finished_at, rolled_back_at
  FROM "_prisma_migrations"
  ORDER BY started_at`;

export const startMigration = sql`
  INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
  VALUES ($1, $2, $3, now(), 0)`;

export const finishMigration = sql`
  UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`;

export const failMigration = sql`
  UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`;
