import { randomBytes } from "node:crypto";
import { rm, stat, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { AppError } from "../../../shared/contract";

/**
 * The destination as main will use it: absolute, an existing directory, and really
 * writable (a probe file is written and removed: permission bits lie for root and on
 * read-only mounts).
 */
export async function checkWritableFolder(folder: string): Promise<string> {
  if (!isAbsolute(folder))
    throw new AppError("VALIDATION", `Give the folder as an absolute path (got "${folder}").`, {
      field: "folder",
    });
  const path = resolve(folder);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new AppError("VALIDATION", `The folder ${path} does not exist.`, { field: "folder" });
  if (!info.isDirectory()) throw new AppError("VALIDATION", `${path} is not a folder.`, { field: "folder" });
  const probe = join(path, `.pgdesk-write-test-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(probe, "", { flag: "wx" });
  } catch (err) {
    throw new AppError(
      "VALIDATION",
      `The folder ${path} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
      { field: "folder" },
    );
  }
  await rm(probe, { force: true });
  return path;
}

/** An existing folder to read backups from. */
export async function checkReadableFolder(folder: string): Promise<string> {
  if (!isAbsolute(folder))
    throw new AppError("VALIDATION", `Give the folder as an absolute path (got "${folder}").`, {
      field: "folder",
    });
  const path = resolve(folder);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory())
    throw new AppError("VALIDATION", `The folder ${path} does not exist.`, { field: "folder" });
  return path;
}

/** A manifest's file name resolved inside its folder; anything that would leave it is refused. */
export function fileInFolder(folder: string, file: string): string {
  if (file.includes("/") || file.includes("\\") || file === "." || file === ".." || file.includes("\u0000")) {
    throw new AppError("VALIDATION", `"${file}" is not a backup file name.`, { field: "file" });
  }
  return join(folder, file);
}
