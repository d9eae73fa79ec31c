import { open, stat } from "node:fs/promises";
import { AppError } from "../../../shared/contract";
import type { BackupFormat, FoundTool, RestoreRequest } from "../../../shared/contract/backup";
import { quoteIdent } from "../../db/sql";
import type { CallContext } from "../handler-types";
import { offlineEnv } from "./archive.verify";
import { readManifest } from "./backup.manifest";
import { databaseExists } from "./backup.sql";
import { childEnv } from "./child-env";
import { pinnedParams } from "./pinned-params";
import { runTool } from "./child-process";
import { checkReadableFolder, fileInFolder } from "./folder.check";
import type { JobHandle } from "./job.queue";
import { requireTools, serverInfo } from "./pg-tools.service";
import { scanPlainSql } from "./plain-sql.guard";
import { execRestore } from "./restore.exec";

export interface RestorePlan {
  req: RestoreRequest;
  folder: string;
  path: string;
  format: BackupFormat;
  tool: FoundTool;
  tablesTotal: number;
}

/** Checks everything a restore needs before anything is created or changed. */
export async function planRestore(ctx: CallContext, req: RestoreRequest): Promise<RestorePlan> {
  if (req.singleTransaction && req.jobs && req.jobs > 1) {
    throw new AppError("VALIDATION", "A single transaction cannot use parallel jobs.", { field: "jobs" });
  }
  const folder = await checkReadableFolder(req.folder);
  const path = fileInFolder(folder, req.file);
  if (!(await stat(path).catch(() => undefined)))
    throw new AppError("NOT_FOUND", `${path} does not exist.`, { field: "file" });
  const listed = (await readManifest(folder)).find((e) => e.file === req.file);
  const failed = listed?.verification.lastCheck;
  if (failed && !failed.ok && !req.acceptFailedCheck) {
    throw new AppError(
      "CONFLICT",
      `The last check of ${req.file} failed (${failed.problems.join("; ")}). Confirm that you restore it anyway.`,
      { field: "acceptFailedCheck" },
    );
  }
  const format = listed?.format ?? (await detectFormat(path));
  const server = await serverInfo(ctx, req.profileId);
  const tool = (await requireTools(ctx, server, [format === "plain" ? "psql" : "pg_restore"]))[
    format === "plain" ? "psql" : "pg_restore"
  ];
  const exists = (await ctx.db.query(req.profileId, databaseExists, [req.database])).rowCount! > 0;
  if (req.target === "new" && exists) {
    throw new AppError(
      "CONFLICT",
      `Database ${JSON.stringify(req.database)} already exists; pick a new name or restore into it as an existing database.`,
      { field: "database" },
    );
  }
  if (req.target === "existing") {
    if (!exists)
      throw new AppError("NOT_FOUND", `Database ${JSON.stringify(req.database)} does not exist.`, {
        field: "database",
      });
    if (req.confirm !== req.database) {
      throw new AppError(
        "VALIDATION",
        `Type the database name (${req.database}) to confirm restoring into an existing database.`,
        { field: "confirm" },
      );
    }
  }
  let tablesTotal = 0;
  if (format === "plain") {
    const scan = await scanPlainSql(path);
    if (!scan.ok) throw new AppError("UNSUPPORTED", `Refusing to run this file with psql: ${scan.problem}`);
    tablesTotal = scan.copyBlocks;
  } else {
    tablesTotal = await countTableData(tool.path, path);
  }
  return { req, folder, path, format, tool, tablesTotal };
}

export async function runRestore(ctx: CallContext, plan: RestorePlan, job: JobHandle): Promise<void> {
  const { req } = plan;
  // the database is created through the pool, so pg_restore must reach the same host
  const params = await pinnedParams(ctx, req.profileId);
  const child = await childEnv(params);
  const pool = await ctx.db.pool(req.profileId);
  let created = false;
  try {
    if (req.target === "new") {
      await pool.query(`CREATE DATABASE ${quoteIdent(req.database)}`);
      created = true;
      job.log(`pgdesk: created database ${JSON.stringify(req.database)}`);
    }
    job.progress({ phase: "restoring", tablesTotal: plan.tablesTotal });
    let done = 0;
    const started = Date.now();
    await execRestore({
      toolPath: plan.tool.path,
      env: child.env,
      password: child.password,
      path: plan.path,
      format: plan.format,
      database: req.database,
      options: req,
      signal: job.signal,
      onLine: job.log,
      onTable: () => {
        done++;
        const elapsed = Date.now() - started;
        // tables are a rough unit of work, but they are all a restore tells us as it goes
        job.progress({
          tablesDone: done,
          etaMs: plan.tablesTotal > done ? Math.round((elapsed / done) * (plan.tablesTotal - done)) : null,
        });
      },
    });
    job.progress({ phase: "done", tablesDone: plan.tablesTotal, etaMs: 0 });
    job.log(`pgdesk: restored ${plan.path} into ${JSON.stringify(req.database)}`);
  } catch (err) {
    // a database we created for this restore is ours to remove; an existing one is left as the tool left it
    if (created) {
      await pool
        .query(`DROP DATABASE IF EXISTS ${quoteIdent(req.database)} WITH (FORCE)`)
        .catch((e: Error) => {
          job.log(`pgdesk: could not drop ${req.database}: ${e.message}`);
        });
    }
    throw err;
  } finally {
    await child.dispose();
  }
}

/** pg_dump's formats by their first bytes: custom starts "PGDMP", tar has "ustar" at 257. */
async function detectFormat(path: string): Promise<BackupFormat> {
  if ((await stat(path)).isDirectory()) return "directory";
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(262);
    const { bytesRead } = await fh.read(buf, 0, 262, 0);
    if (bytesRead >= 5 && buf.subarray(0, 5).toString("latin1") === "PGDMP") return "custom";
    if (bytesRead >= 262 && buf.subarray(257, 262).toString("latin1") === "ustar") return "tar";
    return "plain";
  } finally {
    await fh.close();
  }
}

async function countTableData(pgRestore: string, path: string): Promise<number> {
  let toc = "";
  const r = await runTool(pgRestore, ["--list", path], {
    env: offlineEnv(),
    onStdout: (c) => (toc += c.toString("utf8")),
  });
  if (r.code !== 0)
    throw new AppError("CONFLICT", `${path} is not a readable archive: ${r.stderrTail.join(" ")}`);
  return toc.split("\n").filter((l) => / TABLE DATA /.test(l) && !l.startsWith(";")).length;
}
