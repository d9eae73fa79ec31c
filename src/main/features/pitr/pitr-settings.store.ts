import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import {
  BackRestSettingsDraft,
  RestoredCopy,
  RestorePoint,
  type BackRestSettings,
} from "../../../shared/contract/pitr";
import { JsonFile } from "../../json-file";
import type { SecretStore } from "../profiles/secret-store";

const SealedRepo = z.object({
  s3Key: z.string().optional(),
  s3KeySecret: z.string().optional(),
  cipherPass: z.string().optional(),
});
type SealedRepo = z.infer<typeof SealedRepo>;

const StoredSettings = BackRestSettingsDraft.omit({ repoSecrets: true }).extend({
  sealed: z.record(z.string(), SealedRepo).default({}),
});
type StoredSettings = z.infer<typeof StoredSettings>;

const StoreFile = z.object({
  version: z.literal(1),
  profiles: z.record(z.string(), StoredSettings).default({}),
  restorePoints: z.record(z.string(), z.array(RestorePoint)).default({}),
  copies: z.array(RestoredCopy).default([]),
});
type StoreFile = z.infer<typeof StoreFile>;

const SECRET_FIELDS = ["s3Key", "s3KeySecret", "cipherPass"] as const;

/** The variable pgBackRest reads each sealed secret of repository N from. */
const ENV_NAME: Record<(typeof SECRET_FIELDS)[number], (repo: string) => string> = {
  s3Key: (n) => `PGBACKREST_REPO${n}_S3_KEY`,
  s3KeySecret: (n) => `PGBACKREST_REPO${n}_S3_KEY_SECRET`,
  cipherPass: (n) => `PGBACKREST_REPO${n}_CIPHER_PASS`,
};

/**
 * Per-profile pgBackRest settings, the restore points pgdesk created and the restored
 * copies it started, in one 0600 JSON file. S3 keys and cipher passes are sealed by the
 * app's secret store, opened only to put them in a pgbackrest child's environment.
 */
export class PitrStore {
  private readonly file: JsonFile<StoreFile>;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = new JsonFile(join(dataDir, "pitr.json"), StoreFile, { version: 1 });
  }

  async settings(profileId: string): Promise<BackRestSettings | null> {
    const s = (await this.read()).profiles[profileId];
    return s ? toPublic(s) : null;
  }

  saveSettings(profileId: string, draft: BackRestSettingsDraft | null): Promise<BackRestSettings | null> {
    return this.change(async (file) => {
      if (!draft) {
        delete file.profiles[profileId];
        return null;
      }
      const { repoSecrets, ...fields } = draft;
      const sealed: Record<string, SealedRepo> = { ...file.profiles[profileId]?.sealed };
      for (const r of repoSecrets) {
        const repo: SealedRepo = { ...sealed[String(r.repo)] };
        for (const f of SECRET_FIELDS) {
          const v = r[f];
          if (v === null) delete repo[f];
          else if (v !== undefined) repo[f] = await this.secrets.seal(v);
        }
        if (Object.keys(repo).length) sealed[String(r.repo)] = repo;
        else delete sealed[String(r.repo)];
      }
      file.profiles[profileId] = { ...fields, sealed };
      return toPublic(file.profiles[profileId]);
    });
  }

  /** The settings with the secrets opened as pgBackRest environment variables (main only). */
  async opened(
    profileId: string,
  ): Promise<{ settings: BackRestSettings; secretEnv: Record<string, string> }> {
    const s = (await this.read()).profiles[profileId];
    if (!s)
      throw new AppError(
        "NOT_FOUND",
        "This profile names no pgBackRest configuration yet: set its configuration file and stanza first.",
      );
    const secretEnv: Record<string, string> = {};
    for (const [repo, sealed] of Object.entries(s.sealed)) {
      for (const f of SECRET_FIELDS) {
        const value = sealed[f];
        if (!value) continue;
        try {
          secretEnv[ENV_NAME[f](repo)] = await this.secrets.open(value);
        } catch {
          throw new AppError(
            "CONFLICT",
            `The saved ${f} of repository ${repo} cannot be decrypted on this machine; enter it again.`,
          );
        }
      }
    }
    return { settings: toPublic(s), secretEnv };
  }

  async restorePoints(profileId: string): Promise<RestorePoint[]> {
    return (await this.read()).restorePoints[profileId] ?? [];
  }

  addRestorePoint(profileId: string, point: RestorePoint): Promise<void> {
    return this.change(async (file) => {
      file.restorePoints[profileId] = [...(file.restorePoints[profileId] ?? []), point].slice(-200);
    });
  }

  async copies(): Promise<RestoredCopy[]> {
    return (await this.read()).copies;
  }

  addCopy(copy: RestoredCopy): Promise<void> {
    return this.change(async (file) => void file.copies.push(copy));
  }

  removeCopy(id: string): Promise<void> {
    return this.change(async (file) => {
      file.copies = file.copies.filter((c) => c.id !== id);
    });
  }

  private read(): Promise<StoreFile> {
    return this.file.read();
  }

  private change<T>(edit: (file: StoreFile) => Promise<T>): Promise<T> {
    return this.file.change(edit);
  }
}

function toPublic(s: StoredSettings): BackRestSettings {
  const { sealed, ...fields } = s;
  return {
    ...fields,
    repoSecrets: Object.entries(sealed)
      .map(([repo, r]) => ({
        repo: Number(repo),
        hasS3Key: Boolean(r.s3Key && r.s3KeySecret),
        hasCipherPass: Boolean(r.cipherPass),
      }))
      .sort((a, b) => a.repo - b.repo),
  };
}
