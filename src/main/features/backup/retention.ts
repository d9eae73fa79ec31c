import { rm } from "node:fs/promises";
import type { ManifestEntry, RetentionPlan, RetentionPolicy } from "../../../shared/contract/backup";
import type { ManifestWriter } from "./backup.manifest";
import { readManifest } from "./backup.manifest";
import { fileInFolder } from "./folder.check";

const DAY_MS = 86_400_000;
/** The names pgdesk gives backups (dump-args.ts backupFileName, with an optional -N). */
const BACKUP_NAME = /_\d{8}-\d{6}Z(?:_schema|_data)?(?:-\d+)?\.(?:dump|dir|tar|sql)$/;

/**
 * Which recorded backups a policy removes: per database, a backup stays when it is one
 * of the newest `keepLast` or newer than `newerThanDays`; with both rules, either keeps it.
 */
export function planRetention(
  entries: ManifestEntry[],
  policy: RetentionPolicy,
  now = Date.now(),
  database?: string,
): RetentionPlan {
  const byDb = new Map<string, ManifestEntry[]>();
  for (const e of entries) {
    if (database !== undefined && e.database !== database) continue;
    byDb.set(e.database, [...(byDb.get(e.database) ?? []), e]);
  }
  const keep: string[] = [];
  const remove: RetentionPlan["remove"] = [];
  for (const list of byDb.values()) {
    const newestFirst = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    newestFirst.forEach((e, i) => {
      const byCount = policy.keepLast !== undefined && i < policy.keepLast;
      const byAge =
        policy.newerThanDays !== undefined && now - Date.parse(e.createdAt) < policy.newerThanDays * DAY_MS;
      if (byCount || byAge) keep.push(e.file);
      else remove.push({ file: e.file, database: e.database, createdAt: e.createdAt, size: e.size });
    });
  }
  return { keep, remove };
}

/**
 * Deletes what the policy selects now AND the user saw in the preview (a backup made
 * since the preview is never removed by surprise), then drops their manifest entries.
 */
export async function applyRetention(
  folder: string,
  policy: RetentionPolicy,
  confirmed: string[],
  manifest: ManifestWriter,
  database?: string,
): Promise<string[]> {
  const plan = planRetention(await readManifest(folder), policy, Date.now(), database);
  const seen = new Set(confirmed);
  // a hand-edited manifest must not turn retention into "delete any file in this folder"
  const doomed = plan.remove.map((r) => r.file).filter((f) => seen.has(f) && BACKUP_NAME.test(f));
  const removed: string[] = [];
  for (const file of doomed) {
    await rm(fileInFolder(folder, file), { recursive: true, force: true });
    removed.push(file);
  }
  const gone = new Set(removed);
  await manifest.update(folder, (entries) => entries.filter((e) => !gone.has(e.file)));
  return removed;
}
