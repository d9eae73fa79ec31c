import { rename, rm } from "node:fs/promises";
import pg from "pg";
import { AppError } from "../../../shared/contract";
import type { BackupRequest, ManifestEntry } from "../../../shared/contract/backup";
import { clientConfig } from "../../db/connection-manager";
import type { CallContext } from "../handler-types";
import type { ConnectionParams } from "../../db/connection-params";
import { checkArchive, digest } from "./archive.verify";
import type { ManifestWriter } from "./backup.manifest";
import { rememberBackupFolder } from "./backup-folders";
import type { BackupPlan } from "./backup.plan";
import { dumpedTables, tableRowCounts } from "./backup.sql";
import { childEnv } from "./child-env";
import { pinnedParams } from "./pinned-params";
import { dumpToPartial, sizeOf } from "./dump.exec";
import { DumpProgress, type ProgressTable } from "./dump-progress";
import { orphanCheckOptions } from "./dump-watchdog";
import type { JobHandle } from "./job.queue";
import { testRestore, type CountRow } from "./test-restore";

/**
 * One backup: pg_dump into `<file>.partial`, then verification, then the rename and the
 * manifest entry. Whatever fails or is cancelled, the partial output is removed and the
 * manifest is untouched.
 */
export async function runBackup(
  ctx: CallContext,
  plan: BackupPlan,
  job: JobHandle,
  manifest: ManifestWriter,
): Promise<void> {
  const { req } = plan;
  const started = Date.now();
  const params = await pinnedParams(ctx, req.profileId, req.database);
  const child = await childEnv(params);
  child.env.PGDATABASE = req.database;
  Object.assign(child.env, orphanCheckOptions(plan.server.major));
  let snapshot: pg.Client | undefined;
  try {
    const pool = await ctx.db.pool(req.profileId, req.database);
    const tables =
      req.scope === "schema" ? [] : selectTables((await pool.query<Row>(dumpedTables)).rows, req);
    const progress = new DumpProgress(tables, started);
    job.progress({ phase: "dumping", tablesTotal: progress.tablesTotal });

    let snapshotName: string | undefined;
    if (req.testRestore && req.scope !== "schema") {
      // the dump and the row counts we compare against must see the same data
      snapshot = await openSnapshot(params, req.database);
      snapshotName = (await snapshot.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0]!.s;
    }
    await dumpToPartial({ plan, job, child, params, progress, snapshotName });
    const { listEntries, sum } = await verifyArchive(plan, job, progress);
    const restoreCheck = req.testRestore
      ? await compareTestRestore({ ctx, params, plan, job, tables, snapshot })
      : undefined;
    if (job.signal.aborted) throw new AppError("CANCELLED", "Cancelled");

    await rename(plan.partialPath, plan.finalPath);
    const entry = manifestEntry(plan, started, listEntries, sum, restoreCheck);
    try {
      await manifest.update(plan.folder, (entries) => [...entries, entry]);
      // the fleet overview finds a profile's newest backup through the folders it went to
      await rememberBackupFolder(ctx.dataDir, req.profileId, plan.folder).catch((err: unknown) =>
        ctx.log.warn("backup folder not recorded", (err as Error).message),
      );
    } catch (err) {
      await rm(plan.finalPath, { recursive: true, force: true });
      throw err;
    }
    job.progress({ phase: "done", bytes: sum.size, etaMs: 0 });
    job.log(`pgdesk: saved ${plan.finalPath}`);
  } catch (err) {
    await rm(plan.partialPath, { recursive: true, force: true });
    throw err;
  } finally {
    await child.dispose();
    await snapshot?.end().catch(() => undefined);
  }
}

/** The archive is read in full by pg_restore --list and its sha256 taken. */
async function verifyArchive(plan: BackupPlan, job: JobHandle, progress: DumpProgress) {
  job.state("verifying");
  job.progress({
    phase: "verifying",
    tablesDone: progress.tablesTotal,
    bytes: await sizeOf(plan.partialPath),
    etaMs: null,
  });
  const check = await checkArchive(
    plan.tools.pg_restore?.path ?? "",
    plan.partialPath,
    plan.req.format,
    job.signal,
  );
  if (!check.ok) throw new AppError("CONFLICT", `Verification failed: ${check.problems.join("; ")}`);
  job.log(`pgdesk: archive read in full, ${check.listEntries} entries`);
  const sum = await digest(plan.partialPath, job.signal);
  job.log(`pgdesk: sha256 ${sum.sha256}, ${sum.size} bytes`);
  return { listEntries: check.listEntries, sum };
}

interface TestRestoreInput {
  ctx: CallContext;
  params: ConnectionParams;
  plan: BackupPlan;
  job: JobHandle;
  tables: ProgressTable[];
  /** The transaction whose snapshot pg_dump used: its row counts are what the restore must hold. */
  snapshot: pg.Client | undefined;
}

/** Restores into a scratch database and compares row counts with the dumped snapshot. */
async function compareTestRestore({ ctx, params, plan, job, tables, snapshot }: TestRestoreInput) {
  job.progress({ phase: "test restore" });
  const dumped = new Set(tables.map((t) => t.key));
  const all = snapshot ? (await snapshot.query<CountRow>(tableRowCounts)).rows : [];
  const expected = all.filter((r) => dumped.has(`${r.schema}.${r.name}`));
  const restoreCheck = await testRestore({ ctx, params, plan, expected, signal: job.signal, log: job.log });
  if (restoreCheck.mismatches.length)
    throw new AppError(
      "CONFLICT",
      `Test restore differs from the source: ${restoreCheck.mismatches.slice(0, 5).join("; ")}`,
    );
  return restoreCheck;
}

function manifestEntry(
  plan: BackupPlan,
  started: number,
  listEntries: number,
  sum: { size: number; sha256: string },
  restoreCheck: ManifestEntry["verification"]["testRestore"],
): ManifestEntry {
  const { req } = plan;
  return {
    file: plan.file,
    database: req.database,
    profileId: req.profileId,
    size: sum.size,
    sha256: sum.sha256,
    format: req.format,
    options: {
      scope: req.scope,
      ...(req.compression !== undefined ? { compression: req.compression } : {}),
      ...(req.jobs !== undefined ? { jobs: req.jobs } : {}),
      includeSchemas: req.includeSchemas,
      excludeSchemas: req.excludeSchemas,
      includeTables: req.includeTables,
      excludeTables: req.excludeTables,
      noOwner: req.noOwner,
      noPrivileges: req.noPrivileges,
    },
    serverVersion: plan.server.version,
    pgDumpVersion: plan.tools.pg_dump.version,
    durationMs: Date.now() - started,
    createdAt: new Date(started).toISOString(),
    verification: {
      listEntries,
      fullRead: true,
      ...(restoreCheck ? { testRestore: restoreCheck } : {}),
    },
  };
}

interface Row {
  schema: string;
  name: string;
  weight: number;
}

/** The tables this request dumps data of, as pg_dump names them in its verbose lines. */
function selectTables(rows: Row[], req: BackupRequest): ProgressTable[] {
  const inSchemas = new Set(req.includeSchemas);
  const outSchemas = new Set(req.excludeSchemas);
  const key = (s: string, n: string) => `${s}.${n}`;
  const inTables = new Set(req.includeTables.map((t) => key(t.schema, t.name)));
  const outTables = new Set(req.excludeTables.map((t) => key(t.schema, t.name)));
  return rows
    .filter((r) => !outSchemas.has(r.schema) && !outTables.has(key(r.schema, r.name)))
    .filter((r) => {
      if (!inSchemas.size && !inTables.size) return true;
      return inSchemas.has(r.schema) || inTables.has(key(r.schema, r.name));
    })
    .map((r) => ({ key: key(r.schema, r.name), weight: Number(r.weight) }));
}

async function openSnapshot(params: ConnectionParams, database: string): Promise<pg.Client> {
  const client = new pg.Client(clientConfig({ ...params, database }));
  client.on("error", () => undefined); // a lost snapshot shows up as pg_dump's own error
  await client.connect();
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  await client.query("SET LOCAL idle_in_transaction_session_timeout = 0");
  return client;
}
