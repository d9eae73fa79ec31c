import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import { OffsiteCopy, type S3Target, type S3TargetDraft } from "../../../shared/contract/offsite";
import { JsonFile } from "../../json-file";
import type { S3Endpoint } from "../../db/s3.client";
import type { SecretStore } from "../profiles/secret-store";

const StoredTarget = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  region: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  forcePathStyle: z.boolean(),
  caFile: z.string(),
  sealedAccessKeyId: z.string().optional(),
  sealedSecretAccessKey: z.string().optional(),
});
type StoredTarget = z.infer<typeof StoredTarget>;

const StoreFile = z.object({
  version: z.literal(1),
  targets: z.array(StoredTarget).default([]),
  /** Copies by "<folder>\u0000<file>". */
  copies: z.record(z.string(), z.array(OffsiteCopy)).default({}),
});
type StoreFile = z.infer<typeof StoreFile>;

/** S3 targets for copies of dump backups (keys sealed like passwords) and the copies made. */
export class OffsiteStore {
  private readonly file: JsonFile<StoreFile>;

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.file = new JsonFile(join(dataDir, "offsite.json"), StoreFile, { version: 1 });
  }

  async targets(): Promise<S3Target[]> {
    return (await this.read()).targets.map(toPublic);
  }

  saveTarget(draft: S3TargetDraft): Promise<S3Target> {
    return this.change(async (file) => {
      const existing = draft.id ? file.targets.find((t) => t.id === draft.id) : undefined;
      if (draft.id && !existing) throw new AppError("NOT_FOUND", `No S3 target with id ${draft.id}`);
      const seal = async (v: string | null | undefined, kept: string | undefined) =>
        v === null ? undefined : v !== undefined ? await this.secrets.seal(v) : kept;
      const { accessKeyId, secretAccessKey, id: _id, ...fields } = draft;
      const sealedAccessKeyId = await seal(accessKeyId, existing?.sealedAccessKeyId);
      const sealedSecretAccessKey = await seal(secretAccessKey, existing?.sealedSecretAccessKey);
      const stored: StoredTarget = {
        id: existing?.id ?? randomUUID(),
        ...fields,
        ...(sealedAccessKeyId ? { sealedAccessKeyId } : {}),
        ...(sealedSecretAccessKey ? { sealedSecretAccessKey } : {}),
      };
      file.targets = existing
        ? file.targets.map((t) => (t.id === stored.id ? stored : t))
        : [...file.targets, stored];
      return toPublic(stored);
    });
  }

  deleteTarget(id: string): Promise<void> {
    return this.change(async (file) => {
      if (!file.targets.some((t) => t.id === id))
        throw new AppError("NOT_FOUND", `No S3 target with id ${id}`);
      file.targets = file.targets.filter((t) => t.id !== id);
    });
  }

  /** The target with its keys opened (main only). */
  async endpoint(id: string): Promise<{ target: S3Target; endpoint: S3Endpoint }> {
    const t = (await this.read()).targets.find((x) => x.id === id);
    if (!t) throw new AppError("NOT_FOUND", `No S3 target with id ${id}`);
    if (!t.sealedAccessKeyId || !t.sealedSecretAccessKey)
      throw new AppError("VALIDATION", `accessKeyId: S3 target "${t.name}" has no access key yet.`, {
        field: "accessKeyId",
      });
    let accessKeyId: string;
    let secretAccessKey: string;
    try {
      accessKeyId = await this.secrets.open(t.sealedAccessKeyId);
      secretAccessKey = await this.secrets.open(t.sealedSecretAccessKey);
    } catch {
      throw new AppError(
        "CONFLICT",
        `The saved keys of S3 target "${t.name}" cannot be decrypted on this machine; enter them again.`,
      );
    }
    return {
      target: toPublic(t),
      endpoint: { ...t, accessKeyId, secretAccessKey },
    };
  }

  async copies(folder: string): Promise<Array<OffsiteCopy & { file: string }>> {
    const all = (await this.read()).copies;
    return Object.entries(all)
      .filter(([k]) => k.startsWith(`${folder}\u0000`))
      .flatMap(([k, list]) => list.map((c) => ({ ...c, file: k.slice(folder.length + 1) })));
  }

  recordCopy(folder: string, file: string, copy: OffsiteCopy): Promise<void> {
    return this.change(async (s) => {
      const key = `${folder}\u0000${file}`;
      const others = (s.copies[key] ?? []).filter(
        (c) => !(c.targetId === copy.targetId && c.key === copy.key),
      );
      s.copies[key] = [...others, copy];
    });
  }

  private read(): Promise<StoreFile> {
    return this.file.read();
  }

  private change<T>(edit: (file: StoreFile) => Promise<T>): Promise<T> {
    return this.file.change(edit);
  }
}

function toPublic(t: StoredTarget): S3Target {
  const { sealedAccessKeyId, sealedSecretAccessKey, ...fields } = t;
  return { ...fields, hasKeys: Boolean(sealedAccessKeyId && sealedSecretAccessKey) };
}
