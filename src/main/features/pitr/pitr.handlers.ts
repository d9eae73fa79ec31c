import { AppError } from "../../../shared/contract";
import type { AppContext, Handlers } from "../handler-types";
import { backrestErrors, runBackRest } from "../../db/pgbackrest.cli";
import { ThresholdsStore } from "../health/thresholds.store";
import { runBackupJob } from "./backup.job";
import { copyPort } from "./copy-port";
import { removeCopy } from "./copy-server";
import { archivingOverPool, composeInfo, stanzaInfo } from "./pitr-info.service";
import { pitrStore, resolveTarget } from "./pitr.context";
import { PitrJobs } from "./pitr.jobs";
import { planRestore } from "./restore.plan";
import { runRestore } from "./restore.runner";
import { createRestorePoint } from "./restore-points";

function jobsOf(ctx: AppContext): PitrJobs {
  return ctx.singleton("pitr.jobs", () => {
    const jobs = new PitrJobs(ctx.emit, (id, err) => ctx.log.error(`pitr job ${id} failed`, err));
    ctx.onShutdown(() => jobs.cancelAll());
    return jobs;
  });
}

async function archiving(ctx: AppContext, profileId: string) {
  // the same (per-profile, editable) thresholds as the health check
  const thresholds = await ctx
    .singleton("health.thresholds", () => new ThresholdsStore(ctx.dataDir))
    .get(profileId);
  return archivingOverPool(await ctx.db.pool(profileId), thresholds);
}

/** The server's archiving, or why it could not be read (a restore must work with the server down). */
async function archivingOrReason(ctx: AppContext, profileId: string) {
  try {
    return { reading: await archiving(ctx, profileId) };
  } catch (err) {
    return { reading: null, error: (err as Error).message };
  }
}

export const pitrHandlers = {
  "pitr:getSettings": ({ profileId }, ctx) => pitrStore(ctx).settings(profileId),

  "pitr:saveSettings": async ({ profileId, settings }, ctx) => {
    await ctx.profiles.get(profileId);
    return pitrStore(ctx).saveSettings(profileId, settings);
  },

  "pitr:archiving": async ({ profileId }, ctx) => (await archiving(ctx, profileId)).status,

  "pitr:info": async ({ profileId }, ctx) => {
    const { target } = await resolveTarget(ctx, profileId);
    const [stanza, server] = await Promise.all([
      stanzaInfo(target, ctx.signal),
      archivingOrReason(ctx, profileId),
    ]);
    return composeInfo(stanza, server.reading, server.error);
  },

  "pitr:check": async ({ profileId }, ctx) => {
    const { target } = await resolveTarget(ctx, profileId);
    const r = await runBackRest(target, "check", [], { signal: ctx.signal });
    const output = `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l.trim());
    if (r.code === 0 && !r.timedOut)
      return {
        ok: true,
        message: `pgbackrest check passed: the configuration is valid for stanza ${target.stanza}, and a WAL segment was archived and found in every repository.`,
        output,
      };
    const errors = backrestErrors(output.join("\n"));
    const why = r.timedOut
      ? `it did not finish within ${target.timeoutMs / 1000} s`
      : errors.join(" ") || output.slice(-3).join(" ");
    return { ok: false, message: `pgbackrest check failed (exit code ${r.code}): ${why}`, output };
  },

  "pitr:backup": async ({ profileId, type, repo }, ctx) => {
    const { target } = await resolveTarget(ctx, profileId);
    const lane = `${target.host.kind === "ssh" ? target.host.ssh.host : "local"}|${target.configPath}|${target.stanza}`;
    const job = jobsOf(ctx).add(
      { kind: "backup", profileId, stanza: target.stanza, backup: { type, ...(repo ? { repo } : {}) } },
      lane,
      (handle) => runBackupJob(target, type, repo, handle),
    );
    return { jobId: job.id };
  },

  "pitr:restore": async ({ profileId, target: wanted, repo }, ctx) => {
    const resolved = await resolveTarget(ctx, profileId);
    const [stanza, server, points] = await Promise.all([
      stanzaInfo(resolved.target, ctx.signal),
      archivingOrReason(ctx, profileId),
      pitrStore(ctx).restorePoints(profileId),
    ]);
    // refused here, before anything is written, when the target is outside the window
    const plan = planRestore(stanza, server.reading, wanted, repo, points);
    const port = await copyPort(resolved.target.host, resolved.settings.osUser);
    const job = jobsOf(ctx).add(
      {
        kind: "restore",
        profileId,
        stanza: resolved.target.stanza,
        restore: { target: wanted, repo: plan.repo },
      },
      null,
      (handle) => runRestore({ ctx, profileId, resolved, plan, port, job: handle }),
    );
    return { jobId: job.id };
  },

  "pitr:cancel": ({ jobId }, ctx) => {
    jobsOf(ctx).cancel(jobId);
    return {};
  },

  "pitr:jobs": (_input, ctx) => jobsOf(ctx).list(),

  "pitr:createRestorePoint": ({ profileId, name }, ctx) => createRestorePoint(ctx, profileId, name),

  "pitr:restorePoints": ({ profileId }, ctx) => pitrStore(ctx).restorePoints(profileId),

  "pitr:copies": (_input, ctx) => pitrStore(ctx).copies(),

  "pitr:dropCopy": async ({ id }, ctx) => {
    const store = pitrStore(ctx);
    const copy = (await store.copies()).find((c) => c.id === id);
    if (!copy) throw new AppError("NOT_FOUND", `No restored copy with id ${id}`);
    const { settings, target } = await resolveTarget(ctx, copy.sourceProfileId).catch(() => {
      throw new AppError(
        "CONFLICT",
        `The pgBackRest settings of the copy's source profile are gone, so pgdesk does not know where ${copy.root} is; stop and remove it by hand.`,
      );
    });
    await ctx.db.closeProfile(copy.profileId).catch(() => undefined);
    await removeCopy({
      host: target.host,
      osUser: settings.osUser,
      root: copy.root,
      dataDir: copy.dataDir,
      pgBin: copy.pgBin,
    });
    await ctx.profiles.delete(copy.profileId).catch(() => undefined);
    await store.removeCopy(id);
    return {};
  },
} satisfies Handlers<
  | "pitr:getSettings"
  | "pitr:saveSettings"
  | "pitr:archiving"
  | "pitr:info"
  | "pitr:check"
  | "pitr:backup"
  | "pitr:restore"
  | "pitr:cancel"
  | "pitr:jobs"
  | "pitr:createRestorePoint"
  | "pitr:restorePoints"
  | "pitr:copies"
  | "pitr:dropCopy"
>;
