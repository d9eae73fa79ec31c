import { z } from "zod";
import { channel, NoInput } from "./channel";
import { FolderPath } from "./backup";

const TargetId = z.string().min(1).max(64);

/** An S3-compatible bucket for copies of dump backups; keys are secrets (sealed in main). */
export const S3TargetDraft = z
  .object({
    id: TargetId.optional(),
    name: z.string().trim().min(1, "name is required").max(200),
    /** https://host:port of an S3-compatible server; empty for AWS itself. */
    endpoint: z
      .string()
      .trim()
      .max(2048)
      .refine((e) => e === "" || /^https?:\/\/[^\s/]+(\/.*)?$/.test(e), "endpoint must be an http(s) URL")
      .default(""),
    region: z.string().trim().min(1).max(64).default("us-east-1"),
    bucket: z
      .string()
      .trim()
      .min(3, "bucket is 3-63 characters")
      .max(63, "bucket is 3-63 characters")
      .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, "bucket names are lower-case letters, digits, '.' and '-'"),
    /** Key prefix inside the bucket ("pgdesk/" by default). */
    prefix: z
      .string()
      .trim()
      .max(512)
      .refine((p) => !p.startsWith("/"), "prefix may not start with '/'")
      .default("pgdesk/"),
    /** Path-style addressing (https://host/bucket/key): most S3-compatible servers need it. */
    forcePathStyle: z.boolean().default(true),
    /** A CA bundle to trust for this endpoint (a private or test CA). */
    caFile: z
      .string()
      .trim()
      .max(4096)
      .refine((p) => p === "" || p.startsWith("/"), "CA file must be an absolute path")
      .default(""),
    /** undefined keeps the stored key, null clears it. */
    accessKeyId: z.string().min(1).max(1024).nullable().optional(),
    secretAccessKey: z.string().min(1).max(4096).nullable().optional(),
  })
  .strict();
export type S3TargetDraft = z.infer<typeof S3TargetDraft>;

export const S3Target = z.object({
  id: TargetId,
  name: z.string(),
  endpoint: z.string(),
  region: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  forcePathStyle: z.boolean(),
  caFile: z.string(),
  hasKeys: z.boolean(),
});
export type S3Target = z.infer<typeof S3Target>;

/** A copy of one dump in a bucket, verified by reading it back. */
export const OffsiteCopy = z.object({
  targetId: z.string(),
  bucket: z.string(),
  key: z.string(),
  size: z.number(),
  sha256: z.string(),
  copiedAt: z.string(),
  /** Set only when the object was read back and its SHA-256 equals the local file's. */
  verifiedAt: z.string().optional(),
  uploadMs: z.number(),
  verifyMs: z.number(),
});
export type OffsiteCopy = z.infer<typeof OffsiteCopy>;

const FileRef = { folder: FolderPath, file: z.string().min(1).max(1024) };

export const offsiteChannels = {
  "offsite:targets": channel({ input: NoInput, output: z.array(S3Target) }),
  "offsite:saveTarget": channel({ input: S3TargetDraft, output: S3Target }),
  "offsite:deleteTarget": channel({ input: z.object({ id: TargetId }).strict(), output: z.object({}) }),
  /**
   * Copies a recorded backup file to the bucket (multipart, its SHA-256 in the object's
   * metadata), reads it back and compares; a copy that does not match is reported failed.
   */
  "offsite:copy": channel({
    input: z.object({ ...FileRef, targetId: TargetId }).strict(),
    output: OffsiteCopy,
  }),
  /** Reads a backup's copy back from the bucket and compares its SHA-256 with the manifest. */
  "offsite:verify": channel({
    input: z.object({ ...FileRef, targetId: TargetId }).strict(),
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()), sha256: z.string().nullable() }),
  }),
  /** Copies recorded for a backup folder (from its manifest). */
  "offsite:copies": channel({
    input: z.object({ folder: FolderPath }).strict(),
    output: z.array(OffsiteCopy.extend({ file: z.string() })),
  }),
} as const;
