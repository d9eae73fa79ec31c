import type { BackRestSettings, BackRestSettingsDraft } from "../../../../shared/contract/pitr";

export interface SettingsForm {
  configPath: string;
  stanza: string;
  osUser: string;
  location: "local" | "ssh";
  restoreRoot: string;
  pgBinDir: string;
  timeoutSeconds: string;
  /** Repository number the S3 keys below belong to. */
  s3Repo: string;
  s3Key: string;
  s3KeySecret: string;
}

export function settingsForm(s: BackRestSettings | null | undefined): SettingsForm {
  return {
    configPath: s?.configPath ?? "/etc/pgbackrest/pgbackrest.conf",
    stanza: s?.stanza ?? "",
    osUser: s?.osUser ?? "postgres",
    location: s?.location ?? "local",
    restoreRoot: s?.restoreRoot ?? "",
    pgBinDir: s?.pgBinDir ?? "",
    timeoutSeconds: String(s?.timeoutSeconds ?? 60),
    s3Repo: String(s?.repoSecrets.find((r) => r.hasS3Key)?.repo ?? 2),
    s3Key: "",
    s3KeySecret: "",
  };
}

/** The draft to save; typed keys replace the stored ones, empty keys keep them. */
export function settingsDraft(f: SettingsForm): BackRestSettingsDraft {
  const keys = f.s3Key || f.s3KeySecret;
  return {
    configPath: f.configPath.trim(),
    stanza: f.stanza.trim(),
    osUser: f.osUser.trim() || "postgres",
    location: f.location,
    restoreRoot: f.restoreRoot.trim(),
    ...(f.pgBinDir.trim() ? { pgBinDir: f.pgBinDir.trim() } : {}),
    timeoutSeconds: Number(f.timeoutSeconds) || 60,
    repoSecrets: keys
      ? [
          {
            repo: Number(f.s3Repo) || 1,
            ...(f.s3Key ? { s3Key: f.s3Key } : {}),
            ...(f.s3KeySecret ? { s3KeySecret: f.s3KeySecret } : {}),
          },
        ]
      : [],
  };
}
