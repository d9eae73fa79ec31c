import { join } from "node:path";
import type { AuditMapping } from "../../../shared/contract/audit";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
import { DEFAULT_REDACTED_FIELDS } from "./redact";

interface ProfileAuditSettings {
  mappings: AuditMapping[];
  redactedFields?: string[];
}

type SettingsFile = Record<string, ProfileAuditSettings>;

/** Per-profile audit mappings and redaction list, in the app's data folder. */
export class AuditSettingsStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, "audit-settings.json");
  }

  async get(profileId: string): Promise<ProfileAuditSettings> {
    const all = await readJsonFile<SettingsFile>(this.path, {});
    return all[profileId] ?? { mappings: [] };
  }

  async redactedFields(profileId: string): Promise<string[]> {
    return (await this.get(profileId)).redactedFields ?? DEFAULT_REDACTED_FIELDS;
  }

  saveMapping(profileId: string, mapping: AuditMapping): Promise<void> {
    return this.update(profileId, (s) => ({
      ...s,
      mappings: [
        ...s.mappings.filter((m) => m.schema !== mapping.schema || m.table !== mapping.table),
        mapping,
      ],
    }));
  }

  setRedactedFields(profileId: string, fields: string[]): Promise<void> {
    return this.update(profileId, (s) => ({ ...s, redactedFields: [...new Set(fields)] }));
  }

  private update(profileId: string, fn: (s: ProfileAuditSettings) => ProfileAuditSettings): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await readJsonFile<SettingsFile>(this.path, {});
      all[profileId] = fn(all[profileId] ?? { mappings: [] });
      await writeJsonFileAtomic(this.path, all);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
