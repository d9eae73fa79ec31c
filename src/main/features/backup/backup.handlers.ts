import { rm, stat } from "node:fs/promises";
import { AppError } from "../../../shared/contract";
import { BackupRequest, type Job, type ManifestEntry, type Schedule } from "../../../shared/contract/backup";
import type { CallContext, Handlers } from "../handler-types";
import { checkArchive, digest } from "./archive.verify";
import { ManifestWriter, readManifest } from "./backup.manifest";
import { planBackup, previewOf } from "./backup.plan";
import { runBackup } from "./backup.runner";
import { BackupScheduler } from "./backup.scheduler";
import { dumpableObjects } from "./dump-objects";
import { checkReadableFolder, checkWritableFolder, fileInFolder } from "./folder.check";
import { applyRetention, planRetention } from "./retention";
import { JobQueue } from "./job.queue";
import { pgTools, requireTools, serverInfo } from "./pg-tools.service";
import { planRestore, runRestore } from "./restore.runner";
import { pinnedParams } from "./pinned-params";

/** The area's long-lived services; the hosts start the scheduler at app start (startBackupScheduler). */
function jobs(ctx: CallContext): JobQueue {
  const queue = ctx.singleton("backup.jobs", () => {
    const q = new JobQueue(ctx.emit, ctx.log);
    ctx.onShutdown(() => q.cancelAll());
    return q;
  });
  scheduler(ctx);
  return queue;
}

function manifests(ctx: CallContext): ManifestWriter {
  return ctx.singleton("backup.manifests", () => new ManifestWriter());
}

/** Starts scheduled backups (and catches up missed runs) when the app starts. */
export function startBackupScheduler(ctx: Omit<CallContext, "signal">): void {
  scheduler({ ...ctx, signal: new AbortController().signal });
}

function scheduler(ctx: CallContext): BackupScheduler {
  return ctx.singleton("backup.scheduler", () => {
    // scheduled jobs outlive the call that happened to start the scheduler
    const appCtx = { ...ctx, signal: new AbortController().signal };
    const s = new BackupScheduler({
      dataDir: ctx.dataDir,
      log: ctx.log,
      emit: ctx.emit,
      run: (schedule) => runScheduled(appCtx, schedule),
    });
    ctx.onShutdown(() => s.stop());
    s.start();
    return s;
  });
}

async function runScheduled(ctx: CallContext, schedule: Schedule): Promise<Job> {
  const req = BackupRequest.parse({
    profileId: schedule.profileId,
    database: schedule.database,
    folder: schedule.folder,
    format: schedule.format,
    scope: schedule.scope,
  });
  const plan = await planBackup(ctx, req, { reserve: true });
  const queue = jobs(ctx);
  const job = queue.add(
    {
      kind: "backup",
      profileId: req.profileId,
      database: req.database,
      folder: plan.folder,
      file: plan.file,
    },
    (handle) => runBackup(ctx, plan, handle, manifests(ctx)),
    () => rm(plan.partialPath, { recursive: true, force: true }),
  );
  const done = await queue.settled(job.id);
  if (done.state === "succeeded" && schedule.retention) {
    const preview = planRetention(
      await readManifest(plan.folder),
      schedule.retention,
      Date.now(),
      schedule.database,
    );
    await applyRetention(
      plan.folder,
      schedule.retention,
      preview.remove.map((r) => r.file),
      manifests(ctx),
      schedule.database,
    );
  }
  return done;
}

export const backupHandlers = {
  "backup:tools": async ({ profileId, database }, ctx) => {
    const server = await serverInfo(ctx, profileId, database);
    return pgTools(ctx).report(server.major, server.version);
  },

  "backup:setToolPath": async ({ major, folder }, ctx) => ({
    configured: await pgTools(ctx).setFolder(major, folder),
  }),

  "backup:objects": ({ profileId, database }, ctx) => dumpableObjects(ctx, profileId, database),

  "backup:preview": async (req, ctx) => {
    const plan = await planBackup(ctx, req);
    // the host the backup will really use (a multi-host profile is pinned to its pool's host)
    const params = await pinnedParams(ctx, req.profileId, req.database);
    const preview = previewOf(plan);
    const tls = Object.fromEntries(
      Object.entries(params.tls ?? {})
        .filter(([, v]) => v)
        .map(([k, v]) => [`PGSSL${k.toUpperCase()}`, String(v)]),
    );
    const reach: Record<string, string> = params.ssh
      ? {
          PGHOST: params.host,
          PGHOSTADDR: "127.0.0.1",
          PGPORT: `<local end of an SSH tunnel via ${params.ssh.host}>`,
        }
      : { PGHOST: params.host, PGPORT: String(params.port) };
    return { ...preview, env: { ...reach, PGUSER: params.user, ...tls, ...preview.env } };
  },

  "backup:start": async (req, ctx) => {
    const plan = await planBackup(ctx, req, { reserve: true });
    const manifest = manifests(ctx);
    // the job outlives this call: it must not be cancelled when the caller's signal aborts
    const jobCtx = { ...ctx, signal: new AbortController().signal };
    const job = jobs(ctx).add(
      {
        kind: "backup",
        profileId: req.profileId,
        database: req.database,
        folder: plan.folder,
        file: plan.file,
      },
      (handle) => runBackup(jobCtx, plan, handle, manifest),
      () => rm(plan.partialPath, { recursive: true, force: true }),
    );
    return { jobId: job.id };
  },

  "backup:cancel": ({ jobId }, ctx) => {
    jobs(ctx).cancel(jobId);
    return {};
  },

  "backup:jobs": (_input, ctx) => jobs(ctx).list(),

  "backup:list": async ({ folder }) => {
    const dir = await checkReadableFolder(folder);
    const entries = await readManifest(dir);
    return Promise.all(
      entries.map(async (e) => {
        const info = await stat(fileInFolder(dir, e.file)).catch(() => undefined);
        return { ...e, present: Boolean(info) && (info!.isDirectory() || info!.size === e.size) };
      }),
    ).then((list) => list.reverse());
  },

  "backup:verify": async ({ folder, file }, ctx) => {
    const dir = await checkReadableFolder(folder);
    const entry = (await readManifest(dir)).find((e) => e.file === file);
    if (!entry) throw new AppError("NOT_FOUND", `${file} is not recorded in ${dir}/backups.json`);
    const problems = await recheck(ctx, dir, entry);
    const lastCheck = { at: new Date().toISOString(), ok: problems.length === 0, problems };
    // the listing's state follows the last check, so a damaged archive never shows as verified
    await manifests(ctx).update(dir, (entries) =>
      entries.map((e) => (e.file === file ? { ...e, verification: { ...e.verification, lastCheck } } : e)),
    );
    return { ok: lastCheck.ok, problems };
  },

  "backup:restore": async (req, ctx) => {
    const plan = await planRestore(ctx, req);
    const jobCtx = { ...ctx, signal: new AbortController().signal };
    const job = jobs(ctx).add(
      {
        kind: "restore",
        profileId: req.profileId,
        database: req.database,
        folder: plan.folder,
        file: req.file,
      },
      (handle) => runRestore(jobCtx, plan, handle),
    );
    return { jobId: job.id };
  },

  "backup:retentionPreview": async ({ folder, policy, database }) => {
    const dir = await checkReadableFolder(folder);
    return planRetention(await readManifest(dir), policy, Date.now(), database);
  },

  "backup:retentionApply": async ({ folder, policy, database, files }, ctx) => {
    const dir = await checkWritableFolder(folder);
    return { removed: await applyRetention(dir, policy, files, manifests(ctx), database) };
  },

  "backup:schedules": (_input, ctx) => scheduler(ctx).list(),

  "backup:saveSchedule": async (draft, ctx) => {
    await checkWritableFolder(draft.folder);
    await ctx.profiles.get(draft.profileId);
    return scheduler(ctx).save(draft);
  },

  "backup:deleteSchedule": async ({ id }, ctx) => {
    await scheduler(ctx).delete(id);
    return {};
  },

  "backup:pickFolder": async (_input, ctx) => {
    if (!ctx.pickFolder) return { supported: false };
    const folder = await ctx.pickFolder("Choose a folder for backups");
    return folder ? { supported: true, folder } : { supported: true };
  },
} satisfies Handlers<
  | "backup:tools"
  | "backup:setToolPath"
  | "backup:objects"
  | "backup:preview"
  | "backup:start"
  | "backup:cancel"
  | "backup:jobs"
  | "backup:list"
  | "backup:verify"
  | "backup:restore"
  | "backup:pickFolder"
  | "backup:retentionPreview"
  | "backup:retentionApply"
  | "backup:schedules"
  | "backup:saveSchedule"
  | "backup:deleteSchedule"
>;

/** Size, SHA-256 and a full read by pg_restore of a recorded backup: what is wrong with it, if anything. */
async function recheck(ctx: CallContext, dir: string, entry: ManifestEntry): Promise<string[]> {
  const path = fileInFolder(dir, entry.file);
  if (!(await stat(path).catch(() => undefined))) return [`${path} is missing`];
  const problems: string[] = [];
  const sum = await digest(path, ctx.signal);
  if (sum.size !== entry.size) problems.push(`size is ${sum.size} bytes, the manifest says ${entry.size}`);
  if (sum.sha256 !== entry.sha256)
    problems.push("SHA-256 differs from the manifest: the backup was changed or damaged");
  const major = Number(/^\d+/.exec(entry.pgDumpVersion)?.[0] ?? 0);
  const tools =
    entry.format === "plain"
      ? undefined
      : await requireTools(ctx, { major, version: entry.pgDumpVersion }, ["pg_restore"]);
  const check = await checkArchive(tools?.pg_restore.path ?? "", path, entry.format, ctx.signal);
  problems.push(...check.problems);
  return problems;
}
