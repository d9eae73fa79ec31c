import { mkdir, open, stat } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../../../shared/contract";
import type { BackupRequest, FoundTool, ToolName } from "../../../shared/contract/backup";
import type { CallContext } from "../handler-types";
import { readManifest } from "./backup.manifest";
import { backupFileName, displayCommand, dumpArgs } from "./dump-args";
import { checkWritableFolder } from "./folder.check";
import { orphanCheckOptions } from "./dump-watchdog";
import { requireTools, serverInfo, type ServerInfo } from "./pg-tools.service";

/** Everything decided before a backup starts; any problem here means nothing is written. */
export interface BackupPlan {
  req: BackupRequest;
  folder: string;
  server: ServerInfo;
  tools: Record<ToolName, FoundTool>;
  file: string;
  finalPath: string;
  partialPath: string;
}

/**
 * Checks everything, then (with `reserve`) claims the output name by creating the empty
 * `.partial` file or folder, so two backups started in the same second never share one.
 */
export async function planBackup(
  ctx: CallContext,
  req: BackupRequest,
  options: { reserve?: boolean } = {},
): Promise<BackupPlan> {
  if (req.testRestore && req.scope !== "full") {
    throw new AppError("VALIDATION", "A test restore needs a full backup (schema and data).", {
      field: "testRestore",
    });
  }
  if (req.jobs && req.jobs > 1 && req.format !== "directory") {
    throw new AppError("VALIDATION", "Parallel jobs need the directory format.", { field: "jobs" });
  }
  const folder = await checkWritableFolder(req.folder);
  await readManifest(folder); // a damaged manifest stops us before pg_dump runs
  const server = await serverInfo(ctx, req.profileId, req.database);
  const tools = await requireTools(
    ctx,
    server,
    req.testRestore && req.format === "plain" ? ["pg_dump", "psql"] : ["pg_dump", "pg_restore"],
  );
  const file = await freeName(
    folder,
    backupFileName(req.database, req.format, req.scope),
    options.reserve ? req.format : undefined,
  );
  const finalPath = join(folder, file);
  return { req, folder, server, tools, file, finalPath, partialPath: `${finalPath}.partial` };
}

async function freeName(folder: string, name: string, reserveAs?: BackupRequest["format"]): Promise<string> {
  const dot = name.lastIndexOf(".");
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
    const taken = await Promise.all(
      [candidate, `${candidate}.partial`].map((p) =>
        stat(join(folder, p)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (taken.includes(true)) continue;
    if (!reserveAs) return candidate;
    const partial = join(folder, `${candidate}.partial`);
    try {
      // pg_dump accepts an existing empty folder for the directory format and truncates a file
      if (reserveAs === "directory") await mkdir(partial, { mode: 0o700 });
      else await (await open(partial, "wx", 0o600)).close();
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

export function previewOf(plan: BackupPlan): { command: string; env: Record<string, string>; file: string } {
  return {
    // --password: runTool answers the prompt through a pipe, so the password is in no file, argv or environ
    command: displayCommand(plan.tools.pg_dump.path, ["--password", ...dumpArgs(plan.req, plan.partialPath)]),
    env: {
      PGDATABASE: plan.req.database,
      PGPASSFILE: "/dev/null",
      PGAPPNAME: "pgdesk",
      ...orphanCheckOptions(plan.server.major),
    },
    file: plan.finalPath,
  };
}
