import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Agent } from "node:https";
import type { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AppError } from "../../shared/contract";

/** One bucket on an S3-compatible server, with its keys opened in main. */
export interface S3Endpoint {
  /** https://host:port; empty for AWS. */
  endpoint: string;
  region: string;
  bucket: string;
  forcePathStyle: boolean;
  /** A CA bundle to trust in addition to the system's. */
  caFile: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export const PART_BYTES = 8 * 1024 * 1024;

/**
 * An SDK v3 client for the endpoint. For non-AWS endpoints checksums are computed only
 * when an operation requires them: with the SDK's default, some S3-compatible servers
 * store a streamed PutObject with its aws-chunked framing inside the data.
 */
export async function s3Client(e: S3Endpoint): Promise<S3Client> {
  let ca: Buffer | undefined;
  if (e.caFile) {
    try {
      ca = await readFile(e.caFile);
    } catch (err) {
      throw new AppError(
        "VALIDATION",
        `caFile: ${e.caFile} cannot be read (${(err as NodeJS.ErrnoException).code})`,
        {
          field: "caFile",
        },
      );
    }
  }
  const custom = e.endpoint !== "";
  return new S3Client({
    region: e.region,
    ...(custom ? { endpoint: e.endpoint } : {}),
    forcePathStyle: e.forcePathStyle,
    credentials: { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey },
    ...(custom
      ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }
      : {}),
    maxAttempts: 2,
    requestHandler: {
      httpsAgent: new Agent({ keepAlive: true, maxSockets: 8, ...(ca ? { ca: [ca] } : {}) }),
      connectionTimeout: 10_000,
      requestTimeout: 120_000,
    },
  });
}

export interface UploadResult {
  parts: number;
}

/** Multipart upload of a file; `meta.sha256` (the recorded digest) goes into the object's metadata (x-amz-meta-sha256). */
export async function uploadFile(
  client: S3Client,
  e: Pick<S3Endpoint, "bucket">,
  key: string,
  path: string,
  meta: { sha256: string; size: number },
  signal?: AbortSignal,
): Promise<UploadResult> {
  const upload = new Upload({
    client,
    params: {
      Bucket: e.bucket,
      Key: key,
      Body: createReadStream(path, { highWaterMark: 1 << 20 }),
      ContentLength: meta.size,
      Metadata: { sha256: meta.sha256 },
    },
    partSize: PART_BYTES,
    queueSize: 4,
    leavePartsOnError: false,
  });
  const onAbort = () => void upload.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await upload.done();
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return { parts: Math.max(1, Math.ceil(meta.size / PART_BYTES)) };
}

export interface ReadBack {
  size: number;
  sha256: string;
  /** The sha256 recorded in the object's metadata at upload, if any. */
  recordedSha256: string | null;
}

/** Reads the whole object back and hashes what the server returns. */
export async function readBack(
  client: S3Client,
  e: Pick<S3Endpoint, "bucket">,
  key: string,
  signal?: AbortSignal,
): Promise<ReadBack> {
  const res = await client.send(
    new GetObjectCommand({ Bucket: e.bucket, Key: key }),
    signal ? { abortSignal: signal } : {},
  );
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of res.Body as Readable) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest("hex"), recordedSha256: res.Metadata?.sha256 ?? null };
}

/** Whether an object exists, and its recorded sha256. */
export async function headObject(
  client: S3Client,
  e: Pick<S3Endpoint, "bucket">,
  key: string,
): Promise<{ size: number; recordedSha256: string | null } | null> {
  try {
    const res = await client.send(new HeadObjectCommand({ Bucket: e.bucket, Key: key }));
    return { size: res.ContentLength ?? 0, recordedSha256: res.Metadata?.sha256 ?? null };
  } catch (err) {
    if ((err as { name?: string }).name === "NotFound") return null;
    throw err;
  }
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** An SDK or network error in words a user can act on. */
export function s3Failure(err: unknown, e: Pick<S3Endpoint, "endpoint" | "bucket">): AppError {
  const x = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const where = e.endpoint || "AWS S3";
  const code = x.code ?? x.cause?.code ?? "";
  const msg = x.message ?? String(err);
  if (x.name === "AbortError") return new AppError("CANCELLED", "Cancelled");
  if (TLS_CODES.has(code) || /certificate/i.test(msg))
    return new AppError(
      "CONNECTION",
      `The TLS certificate of ${where} is not trusted (${code || msg}): set the CA file of this target to the CA that signed it, and use the host name the certificate names.`,
      { field: "caFile" },
    );
  if (x.name === "InvalidAccessKeyId" || x.name === "SignatureDoesNotMatch")
    return new AppError(
      "UNAUTHORIZED",
      `${where} refused the access key (${x.name}): check the access key ID and secret of this target.`,
      { field: "accessKeyId" },
    );
  if (x.name === "AccessDenied")
    return new AppError("UNAUTHORIZED", `${where} denied access to bucket ${e.bucket}: ${msg}`);
  if (x.name === "NoSuchBucket")
    return new AppError("NOT_FOUND", `Bucket ${e.bucket} does not exist on ${where}.`, { field: "bucket" });
  if (
    ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH"].includes(code) ||
    x.name === "TimeoutError"
  )
    return new AppError("CONNECTION", `${where} cannot be reached (${code || x.name}): ${msg}`);
  return new AppError("CONFLICT", `${where}: ${x.name ?? "error"}: ${msg}`);
}
