import { join } from "node:path";
import { defaultHealthThresholds, HealthThresholds } from "../../../shared/contract/health";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

type Saved = Record<string, Partial<HealthThresholds>>;

/** Per-profile threshold edits in one JSON file; defaults fill whatever was not edited. */
export class ThresholdsStore {
  private readonly path: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, "health-thresholds.json");
  }

  async get(profileId: string): Promise<HealthThresholds> {
    const saved = await readJsonFile<Saved>(this.path, {});
    // a hand-edited or older file must not break the dashboard: keep only valid fields
    const parsed = HealthThresholds.partial().safeParse(saved[profileId] ?? {});
    return { ...defaultHealthThresholds, ...(parsed.success ? parsed.data : {}) };
  }

  async set(profileId: string, edits: Partial<HealthThresholds>, reset = false): Promise<HealthThresholds> {
    const next = this.writing.then(async () => {
      const saved = await readJsonFile<Saved>(this.path, {});
      saved[profileId] = { ...(reset ? {} : saved[profileId]), ...edits };
      await writeJsonFileAtomic(this.path, saved);
    });
    this.writing = next.catch(() => undefined);
    await next;
    return this.get(profileId);
  }

  async forget(profileId: string): Promise<void> {
    const next = this.writing.then(async () => {
      const saved = await readJsonFile<Saved>(this.path, {});
      delete saved[profileId];
      await writeJsonFileAtomic(this.path, saved);
    });
    this.writing = next.catch(() => undefined);
    await next;
  }
}
