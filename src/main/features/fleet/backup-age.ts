import type { ManifestEntry } from "../../../shared/contract/backup";
import type { Profile } from "../../../shared/contract/profiles";
import { readManifest } from "../backup/backup.manifest";
import { backupFolders, scheduleFolders } from "../backup/backup-folders";

/**
 * The newest backup pgdesk made of each profile, from the manifests (backups.json) of
 * the folders its backups and schedules went to. An entry names its profile; older
 * entries without one count when their database is the profile's. Null = none known.
 */
export class BackupAges {
  private readonly manifests = new Map<string, Promise<ManifestEntry[]>>();
  private folders?: Promise<Record<string, string[]>>;

  constructor(private readonly dataDir: string) {}

  async newest(profile: Pick<Profile, "id" | "database">): Promise<string | null> {
    this.folders ??= this.allFolders();
    const folders = (await this.folders)[profile.id] ?? [];
    let newest: string | null = null;
    for (const folder of folders) {
      for (const e of await this.manifest(folder)) {
        const mine = e.profileId ? e.profileId === profile.id : e.database === profile.database;
        if (mine && (newest === null || e.createdAt > newest)) newest = e.createdAt;
      }
    }
    return newest;
  }

  private manifest(folder: string): Promise<ManifestEntry[]> {
    let m = this.manifests.get(folder);
    // a folder that is gone or damaged holds no backup we can vouch for
    if (!m) this.manifests.set(folder, (m = readManifest(folder).catch(() => [])));
    return m;
  }

  private async allFolders(): Promise<Record<string, string[]>> {
    const byProfile = await backupFolders(this.dataDir);
    const out: Record<string, string[]> = {};
    for (const [id, list] of Object.entries(byProfile)) out[id] = [...list];
    for (const s of await scheduleFolders(this.dataDir)) {
      const list = (out[s.profileId] ??= []);
      if (!list.includes(s.folder)) list.push(s.folder);
    }
    return out;
  }
}
