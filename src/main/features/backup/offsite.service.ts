import { AppError } from "../../../shared/contract";
import type { ManifestEntry } from "../../../shared/contract/backup";
import type { OffsiteCopy, S3Target } from "../../../shared/contract/offsite";
import { readBack, s3Client, s3Failure, uploadFile, type S3Endpoint } from "../../db/s3.client";
import { readManifest } from "./backup.manifest";
import { checkReadableFolder, fileInFolder } from "./folder.check";

export interface OffsiteSource {
  dir: string;
  entry: ManifestEntry;
  path: string;
}

/** A backup recorded in a folder's manifest, as a single file an object can hold. */
export async function offsiteSource(folder: string, file: string): Promise<OffsiteSource> {
  const dir = await checkReadableFolder(folder);
  const entry = (await readManifest(dir)).find((e) => e.file === file);
  if (!entry) throw new AppError("NOT_FOUND", `${file} is not recorded in ${dir}/backups.json`);
  if (entry.format === "directory")
    throw new AppError(
      "UNSUPPORTED",
      "Directory-format backups are a folder of files; off-site copies take one file (custom, tar or plain format).",
    );
  return { dir, entry, path: fileInFolder(dir, file) };
}

/** Where a backup goes in the bucket: <prefix><database>/<file>. */
export function objectKey(
  target: Pick<S3Target, "prefix">,
  entry: Pick<ManifestEntry, "database" | "file">,
): string {
  const prefix = target.prefix && !target.prefix.endsWith("/") ? `${target.prefix}/` : target.prefix;
  return `${prefix}${entry.database}/${entry.file}`;
}

/**
 * Copies a backup file to the bucket and proves the copy: the object read back must hash
 * to the SHA-256 recorded in the manifest when the backup was verified. Only then does
 * the copy carry verifiedAt.
 */
export async function copyToBucket(
  src: OffsiteSource,
  target: S3Target,
  endpoint: S3Endpoint,
  signal?: AbortSignal,
): Promise<{ copy: OffsiteCopy; problems: string[] }> {
  const key = objectKey(target, src.entry);
  const client = await s3Client(endpoint);
  try {
    const t0 = performance.now();
    await uploadFile(
      client,
      endpoint,
      key,
      src.path,
      { sha256: src.entry.sha256, size: src.entry.size },
      signal,
    ).catch((err: unknown) => {
      throw s3Failure(err, endpoint);
    });
    const t1 = performance.now();
    // the object read back must hash to the digest recorded when the backup was verified: a damaged
    // local file or a damaged transfer both fail here, so the file is read once, by the upload
    const problems = await compareObject(client, endpoint, key, src.entry, signal);
    const copy: OffsiteCopy = {
      targetId: target.id,
      bucket: target.bucket,
      key,
      size: src.entry.size,
      sha256: src.entry.sha256,
      copiedAt: new Date().toISOString(),
      ...(problems.length === 0 ? { verifiedAt: new Date().toISOString() } : {}),
      uploadMs: t1 - t0,
      verifyMs: performance.now() - t1,
    };
    return { copy, problems };
  } finally {
    client.destroy();
  }
}

/** Reads the object back and compares it with the manifest; each difference is one problem. */
export async function verifyInBucket(
  src: OffsiteSource,
  target: S3Target,
  endpoint: S3Endpoint,
  signal?: AbortSignal,
): Promise<{ problems: string[]; sha256: string | null }> {
  const client = await s3Client(endpoint);
  try {
    const key = objectKey(target, src.entry);
    const back = await readBack(client, endpoint, key, signal).catch((err: unknown) => {
      if ((err as { name?: string }).name === "NoSuchKey") return null;
      throw s3Failure(err, endpoint);
    });
    if (!back) return { problems: [`s3://${endpoint.bucket}/${key} does not exist`], sha256: null };
    return { problems: differences(back, src.entry, key), sha256: back.sha256 };
  } finally {
    client.destroy();
  }
}

async function compareObject(
  client: Awaited<ReturnType<typeof s3Client>>,
  endpoint: S3Endpoint,
  key: string,
  entry: ManifestEntry,
  signal?: AbortSignal,
): Promise<string[]> {
  const back = await readBack(client, endpoint, key, signal).catch((err: unknown) => {
    throw s3Failure(err, endpoint);
  });
  return differences(back, entry, key);
}

function differences(
  back: { size: number; sha256: string; recordedSha256: string | null },
  entry: ManifestEntry,
  key: string,
): string[] {
  const problems: string[] = [];
  if (back.size !== entry.size)
    problems.push(`the object ${key} holds ${back.size} bytes, the backup has ${entry.size}`);
  if (back.sha256 !== entry.sha256)
    problems.push(
      `the object ${key} read back has SHA-256 ${back.sha256}, the backup's recorded one is ${entry.sha256}: the copy (or the local file it was made from) was changed or damaged`,
    );
  if (back.recordedSha256 !== null && back.recordedSha256 !== entry.sha256)
    problems.push(`the object's recorded sha256 metadata (${back.recordedSha256}) is not the backup's`);
  return problems;
}
