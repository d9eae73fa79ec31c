import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import type { FoundTool, ToolName, ToolsReport } from "../../../shared/contract/backup";
import { chooseTools, discoverPgTools } from "../../db/pg-tools.discovery";
import { serverVersion } from "../../db/server-version";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
import type { CallContext } from "../handler-types";
import { checkReadableFolder } from "./folder.check";

const ToolPathsFile = z.object({ version: z.literal(1), folders: z.record(z.string(), z.string()) });

/** Client tool folders per major version (Settings), kept in the data folder. */
export class PgToolsService {
  private found?: Promise<FoundTool[]>;

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return join(this.dataDir, "pg-tools.json");
  }

  async configured(): Promise<Record<string, string>> {
    const parsed = ToolPathsFile.safeParse(
      await readJsonFile<unknown>(this.file, { version: 1, folders: {} }),
    );
    return parsed.success ? parsed.data.folders : {};
  }

  async setFolder(major: number, folder: string | null): Promise<Record<string, string>> {
    const folders = await this.configured();
    if (folder === null) delete folders[String(major)];
    else folders[String(major)] = await checkReadableFolder(folder);
    await writeJsonFileAtomic(this.file, { version: 1, folders });
    this.found = undefined;
    return folders;
  }

  /** Discovery runs each binary once per app run (until a folder setting changes). */
  async all(): Promise<FoundTool[]> {
    const configured = await this.configured();
    this.found ??= discoverPgTools({ configured });
    return this.found;
  }

  async report(serverMajor: number, version: string): Promise<ToolsReport> {
    const configured = await this.configured();
    const found = await this.all();
    const { chosen, problem } = chooseTools(found, serverMajor, configured);
    return {
      serverMajor,
      serverVersion: version,
      found,
      chosen,
      configured,
      ...(problem ? { problem } : {}),
    };
  }
}

export function pgTools(ctx: CallContext): PgToolsService {
  return ctx.singleton("backup.pgTools", () => new PgToolsService(ctx.dataDir));
}

export interface ServerInfo {
  version: string;
  major: number;
}

export async function serverInfo(
  ctx: CallContext,
  profileId: string,
  database?: string,
): Promise<ServerInfo> {
  const { text, major } = await serverVersion(await ctx.db.pool(profileId, database));
  return { version: text, major };
}

/** The tools for this server, or an error that says which version is needed and where to set it. */
export async function requireTools(
  ctx: CallContext,
  server: ServerInfo,
  tools: ToolName[],
): Promise<Record<ToolName, FoundTool>> {
  const report = await pgTools(ctx).report(server.major, server.version);
  const missing = tools.filter((t) => !report.chosen[t]);
  if (missing.length) throw new AppError("UNSUPPORTED", report.problem ?? `${missing.join(", ")} not found`);
  return report.chosen as Record<ToolName, FoundTool>;
}
