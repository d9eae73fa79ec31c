import { join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

const FoldersFile = z.object({ version: z.literal(1), folders: z.record(z.string(), z.array(z.string())) });

function pathIn(dataDir: string): string {
  return join(dataDir, "backup-folders.json");
}

let writing: Promise<unknown> = Promise.resolve();

/** Records that a backup of the profile went to `folder` (so its manifest can be found later). */
export function rememberBackupFolder(dataDir: string, profileId: string, folder: string): Promise<void> {
  const run = writing.then(async () => {
    const all = await backupFolders(dataDir);
    const list = all[profileId] ?? [];
    if (list.includes(folder)) return;
    await writeJsonFileAtomic(pathIn(dataDir), {
      version: 1,
      folders: { ...all, [profileId]: [...list, folder] },
    });
  });
  writing = run.catch(() => undefined);
  return run;
}

/** Every profile's backup folders; an unreadable file counts as none (the overview says "none known"). */
export async function backupFolders(dataDir: string): Promise<Record<string, string[]>> {
  const parsed = FoldersFile.safeParse(
    await readJsonFile<unknown>(pathIn(dataDir), { version: 1, folders: {} }).catch(() => undefined),
  );
  return parsed.success ? parsed.data.folders : {};
}

const SchedulesFile = z.object({
  schedules: z.array(z.looseObject({ profileId: z.string(), folder: z.string() })),
});

/** The folders backup schedules write to, by profile (the scheduler's own file, read only). */
export async function scheduleFolders(
  dataDir: string,
): Promise<Array<{ profileId: string; folder: string }>> {
  const parsed = SchedulesFile.safeParse(
    await readJsonFile<unknown>(join(dataDir, "backup-schedules.json"), { schedules: [] }).catch(
      () => undefined,
    ),
  );
  return parsed.success
    ? parsed.data.schedules.map((s) => ({ profileId: s.profileId, folder: s.folder }))
    : [];
}
