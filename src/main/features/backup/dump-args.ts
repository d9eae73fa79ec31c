import type { BackupFormat, BackupRequest, TableRef } from "../../../shared/contract/backup";
import { quoteIdent } from "../../db/sql";

/**
 * pg_dump's arguments for a request. The database, host, user and password are not
 * here: they travel in the environment. Every value is one argv element of the form
 * --option=value, so no value can be read as another option.
 */
export function dumpArgs(
  req: BackupRequest,
  outputPath: string,
  extra: { snapshot?: string } = {},
): string[] {
  const args = [`--format=${formatLetter(req.format)}`, `--file=${outputPath}`, "--verbose"];
  if (req.compression !== undefined && req.format !== "tar") args.push(`--compress=${req.compression}`);
  if (req.jobs && req.jobs > 1 && req.format === "directory") args.push(`--jobs=${req.jobs}`);
  if (req.scope === "schema") args.push("--schema-only");
  if (req.scope === "data") args.push("--data-only");
  for (const s of req.includeSchemas) args.push(`--schema=${exactPattern(s)}`);
  for (const s of req.excludeSchemas) args.push(`--exclude-schema=${exactPattern(s)}`);
  for (const t of req.includeTables) args.push(`--table=${tablePattern(t)}`);
  for (const t of req.excludeTables) args.push(`--exclude-table=${tablePattern(t)}`);
  if (req.includeSchemas.length || req.includeTables.length) args.push("--strict-names");
  if (req.noOwner) args.push("--no-owner");
  if (req.noPrivileges) args.push("--no-privileges");
  if (extra.snapshot) args.push(`--snapshot=${extra.snapshot}`);
  return args;
}

function formatLetter(format: BackupFormat): string {
  return { custom: "c", directory: "d", tar: "t", plain: "p" }[format];
}

/** Inside double quotes a pg_dump pattern matches literally (no *, ?, . or case folding). */
export function exactPattern(name: string): string {
  return quoteIdent(name);
}

export function tablePattern(t: TableRef): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

/** A file name that says what is in it and can never escape the folder. */
export function backupFileName(
  database: string,
  format: BackupFormat,
  scope: BackupRequest["scope"],
  now = new Date(),
): string {
  const safe =
    database
      .replace(/[^A-Za-z0-9_.-]+/g, "_")
      .replace(/^[.\-_]+/, "")
      .slice(0, 60) || "database";
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/[-:]/g, "")
    .replace("T", "-");
  const suffix = scope === "full" ? "" : `_${scope}`;
  const ext = { custom: ".dump", directory: ".dir", tar: ".tar", plain: ".sql" }[format];
  return `${safe}_${stamp}${suffix}${ext}`;
}

/** Renders argv for people to read, quoting what a shell would need quoted. */
export function displayCommand(tool: string, args: string[]): string {
  return [tool, ...args]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`))
    .join(" ");
}
