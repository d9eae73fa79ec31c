import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../../../shared/contract";
import type { ConnectionParams } from "../../db/connection-params";
import type { BackupPlan } from "./backup.plan";
import type { ChildEnv } from "./child-env";
import { runTool, toolFailure } from "./child-process";
import { dumpArgs } from "./dump-args";
import type { DumpProgress } from "./dump-progress";
import { DumpWatchdog } from "./dump-watchdog";
import type { JobHandle } from "./job.queue";

export interface DumpInput {
  plan: BackupPlan;
  job: JobHandle;
  child: ChildEnv;
  params: ConnectionParams;
  progress: DumpProgress;
  snapshotName: string | undefined;
}

/**
 * pg_dump into the partial path, its size and stderr watched (a silent or lost server
 * stops it), once more without pgdesk's startup options when a pooler refuses them.
 */
export async function dumpToPartial({
  plan,
  job,
  child,
  params,
  progress,
  snapshotName,
}: DumpInput): Promise<void> {
  const { req } = plan;
  const dog = new DumpWatchdog(params, req.database, job.signal);
  const sizeTimer = setInterval(() => {
    void sizeOf(plan.partialPath).then((bytes) => {
      dog.size(bytes);
      job.progress({ bytes, etaMs: progress.etaMs() });
    });
  }, 500);
  try {
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
  } finally {
    clearInterval(sizeTimer);
    dog.stop();
  }
}

/** The size of the output so far: a file, or the files of a directory-format dump. */
export async function sizeOf(path: string): Promise<number> {
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
