import { readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { AppError } from "../../../shared/contract";
import type { BackupRequest, ManifestEntry } from "../../../shared/contract/backup";
import { clientConfig } from "../../db/connection-manager";
import type { CallContext } from "../handler-types";
import type { ConnectionParams } from "../../db/connection-params";
import { checkArchive, digest } from "./archive.verify";
import type { ManifestWriter } from "./backup.manifest";
import type { BackupPlan } from "./backup.plan";
import { dumpedTables, tableRowCounts } from "./backup.sql";
import { childEnv } from "./child-env";
import { pinnedParams } from "./pinned-params";
import { runTool, toolFailure } from "./child-process";
import { dumpArgs } from "./dump-args";
import { DumpProgress, type ProgressTable } from "./dump-progress";
import { DumpWatchdog, orphanCheckOptions } from "./dump-watchdog";
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
  let sizeTimer: NodeJS.Timeout | undefined;
  let watchdog: DumpWatchdog | undefined;
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
    const dog = (watchdog = new DumpWatchdog(params, req.database, job.signal));
    sizeTimer = setInterval(() => {
      void sizeOf(plan.partialPath).then((bytes) => {
        dog.size(bytes);
        job.progress({ bytes, etaMs: progress.etaMs() });
      });
    }, 500);
    const args = dumpArgs(req, plan.partialPath, snapshotName ? { snapshot: snapshotName } : {});
    job.log(
      `pgdesk: running ${plan.tools.pg_dump.path} (${plan.tools.pg_dump.version}) for database ${JSON.stringify(req.database)}`,
    );
    const dump = () =>
      runTool(plan.tools.pg_dump.path, args, {
        env: child.env,
        password: child.password,
        signal: dog.signal,
        onStderrLine: (line) => {
          dog.line();
          job.log(line);
          if (progress.onLine(line))
            job.progress({ tablesDone: progress.tablesDone, etaMs: progress.etaMs() });
        },
      });
    let result = await dump();
    if (
      result.code !== 0 &&
      child.env.PGOPTIONS !== undefined &&
      refusedStartupOptions(result.stderrTail) &&
      !dog.signal.aborted
    ) {
      // a pooler (PgBouncer) refuses startup options it does not know: the dump matters more
      job.log(
        "pgdesk: the server refused startup options (a connection pooler?); running pg_dump again without them",
      );
      delete child.env.PGOPTIONS;
      result = await dump();
    }
    clearInterval(sizeTimer);
    dog.stop();
    if (job.signal.aborted) throw new AppError("CANCELLED", "Cancelled");
    const lost = dog.lostError();
    if (lost) throw lost;
    if (result.code !== 0) throw dumpError(result.stderrTail, toolFailure("pg_dump", result));

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
      req.format,
      job.signal,
    );
    if (!check.ok) throw new AppError("CONFLICT", `Verification failed: ${check.problems.join("; ")}`);
    job.log(`pgdesk: archive read in full, ${check.listEntries} entries`);
    const sum = await digest(plan.partialPath, job.signal);
    job.log(`pgdesk: sha256 ${sum.sha256}, ${sum.size} bytes`);

    let restoreCheck: ManifestEntry["verification"]["testRestore"];
    if (req.testRestore) {
      job.progress({ phase: "test restore" });
      const dumped = new Set(tables.map((t) => t.key));
      const all = snapshot ? (await snapshot.query<CountRow>(tableRowCounts)).rows : [];
      const expected = all.filter((r) => dumped.has(`${r.schema}.${r.name}`));
      restoreCheck = await testRestore({ ctx, params, plan, expected, signal: job.signal, log: job.log });
      if (restoreCheck.mismatches.length)
        throw new AppError(
          "CONFLICT",
          `Test restore differs from the source: ${restoreCheck.mismatches.slice(0, 5).join("; ")}`,
        );
    }
    if (job.signal.aborted) throw new AppError("CANCELLED", "Cancelled");

    await rename(plan.partialPath, plan.finalPath);
    const entry: ManifestEntry = {
      file: plan.file,
      database: req.database,
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
        listEntries: check.listEntries,
        fullRead: true,
        ...(restoreCheck ? { testRestore: restoreCheck } : {}),
      },
    };
    try {
      await manifest.update(plan.folder, (entries) => [...entries, entry]);
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
    clearInterval(sizeTimer);
    watchdog?.stop();
    await child.dispose();
    await snapshot?.end().catch(() => undefined);
  }
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

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  const names = await readdir(path).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((n) =>
      stat(join(path, n)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** A pooler (PgBouncer) or a PostgreSQL-compatible server refusing the startup options pgdesk added. */
function refusedStartupOptions(stderrTail: string[]): boolean {
  return /unsupported startup parameter|unrecognized configuration parameter "client_connection_check_interval"/i.test(
    stderrTail.join("\n"),
  );
}

const LOST_MID_DUMP =
  /server closed the connection unexpectedly|connection to server was lost|could not receive data from server|SSL SYSCALL error|PQgetCopyData\(\) failed/i;

function dumpError(tail: string[], message: string): AppError {
  const text = tail.join("\n");
  if (/server version mismatch|aborting because of server version mismatch/i.test(text))
    return new AppError("UNSUPPORTED", message);
  if (/No space left on device/i.test(text))
    return new AppError("CONFLICT", `The destination is full. ${message}`);
  if (LOST_MID_DUMP.test(text)) {
    // pg_dump's error line names the failing libpq call; the server's (or libpq's) words are on a detail line
    const detail = /Error message from server: (.+)$/m.exec(text)?.[1]?.trim();
    return new AppError(
      "CONNECTION",
      `Connection to the server was lost during the dump: ${message}${detail ? ` (${detail})` : ""}. The partial output was removed.`,
    );
  }
  if (/connection to server|could not connect|password authentication failed/i.test(text))
    return new AppError("CONNECTION", message);
  return new AppError("CONFLICT", message);
}
