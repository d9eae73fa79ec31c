import { AppError } from "../../../shared/contract";
import type { BackupFormat } from "../../../shared/contract/backup";
import { dbnameConninfo } from "./child-env";
import { runTool, toolFailure } from "./child-process";
import { scanPlainSql } from "./plain-sql.guard";

export interface RestoreOptions {
  jobs?: number | undefined;
  clean?: boolean;
  ifExists?: boolean;
  noOwner?: boolean;
  noPrivileges?: boolean;
  singleTransaction?: boolean;
}

export interface RestoreExec {
  /** pg_restore for archives, psql for plain files. */
  toolPath: string;
  env: NodeJS.ProcessEnv;
  /** Answer to the tool's password prompt (childEnv's `password`). */
  password: string;
  path: string;
  format: BackupFormat;
  database: string;
  options: RestoreOptions;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  /** Called once per table whose data was loaded. */
  onTable?: () => void;
}

/**
 * The argv of a restore. The target database is a conninfo with only a quoted dbname
 * (pg_restore/psql read -d as a connection string); host, user and password come from
 * the environment.
 */
export function restoreArgs(e: Pick<RestoreExec, "path" | "format" | "database" | "options">): string[] {
  const o = e.options;
  const dbname = `--dbname=${dbnameConninfo(e.database)}`;
  if (e.format === "plain") {
    return [
      "--no-psqlrc",
      "--set=ON_ERROR_STOP=1",
      dbname,
      `--file=${e.path}`,
      ...(o.singleTransaction ? ["--single-transaction"] : []),
    ];
  }
  return [
    dbname,
    "--verbose",
    "--exit-on-error",
    ...(o.jobs && o.jobs > 1 ? [`--jobs=${o.jobs}`] : []),
    ...(o.clean ? ["--clean"] : []),
    ...(o.clean && o.ifExists ? ["--if-exists"] : []),
    ...(o.noOwner ? ["--no-owner"] : []),
    ...(o.noPrivileges ? ["--no-privileges"] : []),
    ...(o.singleTransaction ? ["--single-transaction"] : []),
    e.path,
  ];
}

export async function execRestore(e: RestoreExec): Promise<void> {
  if (e.format === "plain") {
    const scan = await scanPlainSql(e.path);
    if (!scan.ok) throw new AppError("UNSUPPORTED", `Refusing to run this file with psql: ${scan.problem}`);
  }
  const tableLine = e.format === "plain" ? /^COPY \d+$/ : /processing data for table /;
  const onLine = (line: string) => {
    e.onLine?.(line);
    if (tableLine.test(line)) e.onTable?.();
  };
  let stdoutTail = "";
  const result = await runTool(e.toolPath, restoreArgs(e), {
    env: e.env,
    password: e.password,
    ...(e.signal ? { signal: e.signal } : {}),
    onStderrLine: onLine,
    ...(e.format === "plain"
      ? {
          onStdout: (chunk: Buffer) => {
            const lines = (stdoutTail + chunk.toString("utf8")).split("\n");
            stdoutTail = lines.pop() ?? "";
            lines.forEach(onLine);
          },
        }
      : {}),
  });
  if (e.signal?.aborted) throw new AppError("CANCELLED", "Cancelled");
  if (result.code !== 0)
    throw new AppError("CONFLICT", toolFailure(e.format === "plain" ? "psql" : "pg_restore", result));
}
