import { access, constants, mkdir } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { seedDatabase } from "../../../../prisma/seed/run";
import { SeedCancelled } from "../../../../prisma/seed/seed-env";
import { runWorkload } from "../../../../prisma/workload";
import { AppError } from "../../../shared/contract";
import type { DemoSize } from "../../../shared/contract/demo";
import { DEMO_USER } from "./demo.server";
import { createDemoDatabase, DEMO_DATABASE, demoDatabaseExists } from "./demo.sql";
import { prismaDir } from "./prisma-dir";
import { applyMigrations, readMigrations } from "./prisma-migrations";

/* The steps that fill a fresh demo server; DemoService.build runs them and owns the cleanup. */

/** Overall progress: where each step of creation sits on the 0-100 bar. */
export const BAR = { server: [0, 15], migrate: [15, 20], seed: [20, 92], workload: [92, 99] } as const;

export type Progress = (phase: string, percent: number) => void;

interface DemoConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** The demo database on the fresh server (kept when a failed try left it there). */
export async function createDatabase(port: number, password: string): Promise<DemoConnection> {
  const server = { host: "127.0.0.1", port, user: DEMO_USER, password };
  const admin = new pg.Client({ ...server, database: "postgres" });
  await admin.connect();
  try {
    if ((await admin.query(demoDatabaseExists, [DEMO_DATABASE])).rowCount === 0)
      await admin.query(createDemoDatabase);
  } finally {
    await admin.end();
  }
  return { ...server, database: DEMO_DATABASE };
}

/** Prisma's migrations, the seed, then a workload so the dashboards have something to show. */
export async function fillDatabase(
  connection: DemoConnection,
  size: DemoSize,
  signal: AbortSignal,
  progress: Progress,
): Promise<void> {
  const scale = ([from, to]: readonly [number, number], p: number) => from + ((to - from) * p) / 100;
  progress("Applying migrations", BAR.migrate[0]);
  const pool = new pg.Pool({ ...connection, max: 2 });
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    try {
      await applyMigrations(client, await readMigrations(join(prismaDir(), "migrations")));
    } finally {
      client.release();
    }
    if (signal.aborted) throw new SeedCancelled();
    await seedDatabase({
      connection,
      size,
      signal,
      onProgress: (phase, percent) => progress(phase, scale(BAR.seed, percent)),
    });
    progress("Running a workload for the dashboards", BAR.workload[0]);
    await runWorkload(pool, {
      signal,
      onProgress: (percent) =>
        progress("Running a workload for the dashboards", scale(BAR.workload, percent)),
    });
  } finally {
    await pool.end();
  }
}

/** The app's data folder must take the demo's files; say so before anything starts. */
export async function ensureFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await access(folder, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new AppError(
      "CONFLICT",
      code === "ENOSPC"
        ? `The disk holding ${folder} is full; free some space and try again.`
        : `pgdesk cannot write to the demo folder ${folder} (${code}). Make it writable, or start pgdesk with PGDESK_DATA_DIR set to a folder it can write.`,
    );
  }
}
