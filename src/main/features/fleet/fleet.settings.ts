import { join } from "node:path";
import { defaultFleetSettings, FleetSettings } from "../../../shared/contract/fleet";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

/** Concurrency, per-server timeout and backup age of the fleet overview, in fleet-settings.json. */
export class FleetSettingsStore {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, "fleet-settings.json");
  }

  async get(): Promise<FleetSettings> {
    // a hand-edited file must not break the overview: keep only valid fields
    const parsed = FleetSettings.partial().safeParse(
      await readJsonFile<unknown>(this.path, {}).catch(() => ({})),
    );
    return { ...defaultFleetSettings, ...(parsed.success ? parsed.data : {}) };
  }

  async set(settings: FleetSettings): Promise<FleetSettings> {
    await writeJsonFileAtomic(this.path, settings);
    return this.get();
  }
}
