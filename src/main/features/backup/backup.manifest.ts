import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import { ManifestEntry } from "../../../shared/contract/backup";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

export const MANIFEST_NAME = "backups.json";

const ManifestFile = z.object({ version: z.literal(1), backups: z.array(ManifestEntry) });

export function manifestPath(folder: string): string {
  return join(folder, MANIFEST_NAME);
}

/** The folder's manifest; a damaged one is an error, never silently replaced. */
export async function readManifest(folder: string): Promise<ManifestEntry[]> {
  let raw: unknown;
  try {
    raw = await readJsonFile<unknown>(manifestPath(folder), { version: 1, backups: [] });
  } catch (err) {
    throw new AppError(
      "CONFLICT",
      `${manifestPath(folder)} cannot be read (${(err as Error).message}); it was left as it is.`,
    );
  }
  const parsed = ManifestFile.safeParse(raw);
  if (!parsed.success)
    throw new AppError("CONFLICT", `${manifestPath(folder)} is damaged; it was left as it is.`);
  return parsed.data.backups;
}

/** Serializes manifest writers per folder so two jobs never lose each other's entries. */
export class ManifestWriter {
  private readonly queues = new Map<string, Promise<unknown>>();

  update(folder: string, change: (entries: ManifestEntry[]) => ManifestEntry[]): Promise<void> {
    const prev = this.queues.get(folder) ?? Promise.resolve();
    const run = prev.then(async () => {
      const next = change(await readManifest(folder));
      await writeJsonFileAtomic(manifestPath(folder), { version: 1, backups: next }, 0o644);
    });
    this.queues.set(
      folder,
      run.catch(() => undefined),
    );
    return run;
  }
}
