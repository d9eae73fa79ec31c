import { posix } from "node:path";
import { AppError } from "../../../shared/contract";
import type { RestoredCopy } from "../../../shared/contract/pitr";
import type { AppContext } from "../handler-types";
import { connectOnce } from "../../db/connection-manager";
import { backrestErrors, backrestFailure, runBackRest } from "../../db/pgbackrest.cli";
import type { ConnectionParams } from "../../db/connection-params";
import { LONG_COMMAND_MS, progressOf } from "./backup.job";
import {
  configureCopy,
  copyLayout,
  copyLogVerdict,
  copyRunning,
  makeCopyFolders,
  removeCopy,
  startCopy,
  type CopyLayout,
} from "./copy-server";
import { pitrStore, type ResolvedTarget } from "./pitr.context";
import type { PitrJobHandle } from "./pitr.jobs";
import { restoreOptions, targetLabel, type RestorePlan } from "./restore.plan";

export interface RestoreRun {
  ctx: AppContext;
  profileId: string;
  resolved: ResolvedTarget;
  plan: RestorePlan;
  port: number;
  job: PitrJobHandle;
}

/**
 * Restores into a new data directory, starts it on its own port and waits until it is
 * writable (pg_is_in_recovery() false) while watching the postmaster: a copy that exits
 * during recovery (a missing WAL segment: "recovery ended before configured recovery
 * target was reached") fails the job with PostgreSQL's words, and the copy is removed.
 */
export async function runRestore(r: RestoreRun): Promise<void> {
  const { resolved, plan, job } = r;
  const s = resolved.settings;
  const pgBin = s.pgBinDir ?? `/usr/lib/postgresql/${plan.major}/bin`;
  const c = copyLayout(resolved.target.host, s.osUser, s.restoreRoot, plan.copyName, pgBin);
  const started = Date.now();
  for (const n of plan.notes) job.log(n);
  job.update({ restore: { target: plan.target, repo: plan.repo, dataDir: c.dataDir, port: r.port } });
  job.phase(`creating ${c.dataDir}`);
  await makeCopyFolders(c);
  try {
    await restoreFiles(r, c);
    job.log(`files restored after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const n of await configureCopy(c, r.port)) job.log(n);
    job.phase(`starting the copy on port ${r.port}`);
    // archive-get during recovery needs the repository's keys: the copy's postmaster gets them, as pgbackrest does
    await startCopy(c, resolved.target.secretEnv);
    job.phase(`replaying WAL to ${targetLabel(plan.target)}`, null);
    await waitWritable(await copyParams(r), c, job.signal);
  } catch (err) {
    job.log(`removing the copy ${c.root}`);
    await removeCopy(c).catch((e: Error) => job.log(`could not remove ${c.root}: ${e.message}`));
    throw err;
  }
  const writableAfterMs = Date.now() - started;
  job.log(`writable after ${(writableAfterMs / 1000).toFixed(1)} s`);
  const copy = await offerAsProfile(r, c, writableAfterMs);
  job.update({
    restore: {
      target: plan.target,
      repo: plan.repo,
      dataDir: c.dataDir,
      port: r.port,
      copyId: copy.id,
      restoredProfileId: copy.profileId,
      writableAfterMs,
    },
  });
}

async function restoreFiles(r: RestoreRun, c: CopyLayout): Promise<void> {
  const { plan, job } = r;
  job.phase(`restoring files from repository ${plan.repo}${plan.set ? ` (set ${plan.set})` : ""}`, 0);
  const onLine = (line: string) => {
    const pct = progressOf(line);
    if (pct !== null) job.phase(`restoring files from repository ${plan.repo}`, pct);
    else if (/INFO:|WARN:|ERROR:/.test(line)) job.log(line.replace(/^\S+ \S+ P\d+ +/, ""));
  };
  const res = await runBackRest(
    r.resolved.target,
    "restore",
    restoreOptions(plan, c.dataDir, posix.join(c.root, "tablespaces")),
    { timeoutMs: LONG_COMMAND_MS, signal: job.signal, onStdoutLine: onLine, onStderrLine: onLine },
  );
  if (res.code !== 0 || res.timedOut) {
    for (const e of backrestErrors(res.stderr + res.stdout)) job.log(e);
    throw backrestFailure("restore", res, LONG_COMMAND_MS);
  }
}

/** The source profile's login, pointed at the copy (through the same SSH host when pgBackRest runs there). */
async function copyParams(r: RestoreRun): Promise<ConnectionParams> {
  const p = await r.ctx.profiles.connectionParams(r.profileId);
  const {
    additionalHosts: _a,
    targetSessionAttrs: _t,
    loadBalanceHosts: _l,
    pgpassByHost: _p,
    tls: _tls,
    sslRootCert: _r,
    sslCert: _c,
    sslKey: _k,
    sslPassword: _s,
    serverName: _n,
    ssh,
    ...rest
  } = p;
  return {
    ...rest,
    host: "127.0.0.1",
    port: r.port,
    sslmode: "prefer",
    readOnly: false,
    ...(r.resolved.settings.location === "ssh" && ssh ? { ssh } : {}),
  };
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** Polls the copy until it is out of recovery; a postmaster that has exited is a failure with its log's words. */
async function waitWritable(params: ConnectionParams, c: CopyLayout, signal: AbortSignal): Promise<void> {
  const since = Date.now();
  let database = params.database;
  for (;;) {
    if (signal.aborted) throw new AppError("CANCELLED", "Cancelled");
    try {
      const { client, close } = await connectOnce({ ...params, database }, { connectTimeoutMs: 5_000 });
      try {
        const { rows } = await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
        if (!rows[0]!.r) return;
      } finally {
        await close();
      }
    } catch (err) {
      const code = (err as { sqlState?: string; code?: string }).sqlState ?? (err as { code?: string }).code;
      // the database may not exist yet at the target moment: ask in postgres instead
      if (code === "3D000" && database !== "postgres") database = "postgres";
      if (code === "28P01" || code === "28000")
        throw new AppError(
          "CONNECTION",
          `The restored copy refuses the profile's login: ${(err as Error).message}`,
        );
      if (!(await copyRunning(c))) {
        const words = await copyLogVerdict(c);
        if (/FATAL|PANIC/.test(words) || Date.now() - since > 15_000)
          throw new AppError(
            "CONFLICT",
            `The restored copy stopped before it became writable. PostgreSQL said: ${words}`,
          );
      }
    }
    await sleep(300);
  }
}

async function offerAsProfile(r: RestoreRun, c: CopyLayout, writableAfterMs: number): Promise<RestoredCopy> {
  const source = await r.ctx.profiles.get(r.profileId);
  const params = await r.ctx.profiles.connectionParams(r.profileId);
  const sshCopy = r.resolved.settings.location === "ssh" && source.ssh;
  const profile = await r.ctx.profiles.save(undefined, {
    name: `${source.name} @ ${targetLabel(r.plan.target)}`.slice(0, 200),
    host: "127.0.0.1",
    port: r.port,
    database: source.database,
    user: source.user,
    ...(params.password !== undefined ? { password: params.password } : {}),
    tag: "restore",
    group: "Restored copies",
    sslmode: "prefer",
    ...(sshCopy ? { ssh: source.ssh, ...(params.ssh?.secret ? { sshSecret: params.ssh.secret } : {}) } : {}),
  });
  const copy: RestoredCopy = {
    id: r.job.id,
    sourceProfileId: r.profileId,
    profileId: profile.id,
    root: c.root,
    dataDir: c.dataDir,
    pgBin: c.pgBin,
    port: r.port,
    target: r.plan.target,
    createdAt: new Date().toISOString(),
  };
  await pitrStore(r.ctx).addCopy(copy);
  r.job.log(
    `offered as profile "${profile.name}" (${(writableAfterMs / 1000).toFixed(1)} s to a writable copy)`,
  );
  return copy;
}
