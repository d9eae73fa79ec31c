import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { devNull } from "node:os";
import { join } from "node:path";
import type { BackupFormat } from "../../../shared/contract/backup";
import { runTool, toolFailure } from "./child-process";
import { scanPlainSql } from "./plain-sql.guard";

export interface Digest {
  size: number;
  sha256: string;
}

/**
 * Size and SHA-256 of a backup. A directory-format backup hashes the sorted list of its
 * files' own hashes, so a change in any file (or a missing one) changes the digest.
 */
export async function digest(path: string, signal?: AbortSignal): Promise<Digest> {
  const info = await stat(path);
  if (!info.isDirectory()) return hashFile(path, signal);
  const names = (await readdir(path)).sort();
  const outer = createHash("sha256");
  let size = 0;
  for (const name of names) {
    const d = await hashFile(join(path, name), signal);
    size += d.size;
    outer.update(`${d.sha256}  ${name}\n`);
  }
  return { size, sha256: outer.digest("hex") };
}

function hashFile(path: string, signal?: AbortSignal): Promise<Digest> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    let size = 0;
    const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) });
    stream.on("data", (chunk) => {
      size += chunk.length;
      hash.update(chunk);
    });
    stream.once("error", reject);
    stream.once("end", () => resolve({ size, sha256: hash.digest("hex") }));
  });
}

export interface ArchiveCheck {
  ok: boolean;
  listEntries: number;
  problems: string[];
}

/** Environment without any PG* setting: reading an archive needs no server. */
export function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PG")) env[k] = v;
  env.LC_MESSAGES = "C";
  return env;
}

/**
 * Reads a whole backup the way a restore would: `pg_restore --list` for the table of
 * contents, then `pg_restore` to nowhere, which decompresses every data block. A plain
 * file is scanned instead (complete, and free of psql meta-commands).
 */
export async function checkArchive(
  pgRestore: string,
  path: string,
  format: BackupFormat,
  signal?: AbortSignal,
): Promise<ArchiveCheck> {
  if (format === "plain") {
    const scan = await scanPlainSql(path);
    const problems = [
      ...(scan.ok ? [] : [`not safe to restore: ${scan.problem}`]),
      ...(scan.complete ? [] : ["the file does not end with pg_dump's closing line"]),
    ];
    return { ok: problems.length === 0, listEntries: scan.statements, problems };
  }
  const env = offlineEnv();
  let toc = "";
  const list = await runTool(pgRestore, ["--list", path], {
    env,
    ...(signal ? { signal } : {}),
    onStdout: (c) => (toc += c.toString("utf8")),
  });
  if (list.code !== 0)
    return { ok: false, listEntries: 0, problems: [toolFailure("pg_restore --list", list)] };
  const listEntries = toc.split("\n").filter((l) => l.trim() && !l.startsWith(";")).length;
  const read = await runTool(pgRestore, [`--file=${devNull}`, path], { env, ...(signal ? { signal } : {}) });
  if (read.code !== 0)
    return { ok: false, listEntries, problems: [toolFailure("pg_restore (full read)", read)] };
  return { ok: true, listEntries, problems: [] };
}
