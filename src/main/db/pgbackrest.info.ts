import { z } from "zod";
import { AppError } from "../../shared/contract";
import type { BackupSet, RepoInfo } from "../../shared/contract/pitr";

/** The parts of `pgbackrest info --output=json` pgdesk reads (2.45); unknown fields are ignored. */
const InfoBackup = z.object({
  label: z.string(),
  type: z.enum(["full", "diff", "incr"]),
  archive: z.object({ start: z.string().nullable(), stop: z.string().nullable() }).partial().optional(),
  database: z.object({ "repo-key": z.number().int() }),
  error: z.boolean().optional(),
  info: z.object({
    size: z.number(),
    delta: z.number(),
    repository: z.object({ size: z.number(), delta: z.number() }),
  }),
  lsn: z.object({ start: z.string(), stop: z.string() }).partial().optional(),
  prior: z.string().nullable(),
  reference: z.array(z.string()).nullable(),
  timestamp: z.object({ start: z.number(), stop: z.number() }),
});

const InfoStanza = z.object({
  name: z.string(),
  status: z.object({
    code: z.number().int(),
    message: z.string(),
    lock: z
      .object({ backup: z.object({ held: z.boolean() }).partial() })
      .partial()
      .optional(),
  }),
  repo: z
    .array(
      z.object({
        key: z.number().int(),
        cipher: z.string().optional(),
        status: z.object({ code: z.number().int(), message: z.string() }),
      }),
    )
    .default([]),
  archive: z
    .array(
      z.object({
        database: z.object({ "repo-key": z.number().int() }),
        min: z.string().nullable(),
        max: z.string().nullable(),
      }),
    )
    .default([]),
  backup: z.array(InfoBackup).default([]),
  db: z.array(z.object({ version: z.string() })).default([]),
});
type InfoStanza = z.infer<typeof InfoStanza>;

export interface ParsedStanza {
  name: string;
  status: { code: number; message: string };
  backupRunning: boolean;
  /** The PostgreSQL major version of the stanza's newest database entry ("15"). */
  pgVersion: string | null;
  repos: RepoInfo[];
  backups: BackupSet[];
}

/**
 * Parses info's stdout (pure JSON: an array of stanzas). system-id (beyond 2^53) is kept
 * as text.
 */
export function parseBackRestInfo(stdout: string): ParsedStanza[] {
  let raw: unknown;
  try {
    // system-id exceeds 2^53: keep it exact as text
    raw = JSON.parse(stdout.replace(/"system-id":(\d+)/g, '"system-id":"$1"'));
  } catch {
    throw new AppError("INTERNAL", `pgbackrest info did not print JSON: ${stdout.slice(0, 200)}`);
  }
  const parsed = z.array(InfoStanza).safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "INTERNAL",
      `pgbackrest info printed JSON of an unexpected shape (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`,
    );
  return parsed.data.map(toStanza);
}

function toStanza(s: InfoStanza): ParsedStanza {
  const walOf = (key: number) => s.archive.find((a) => a.database["repo-key"] === key);
  return {
    name: s.name,
    status: { code: s.status.code, message: s.status.message },
    backupRunning: s.status.lock?.backup?.held ?? false,
    pgVersion: s.db.at(-1)?.version ?? null,
    repos: s.repo.map((r) => ({
      repo: r.key,
      code: r.status.code,
      message: r.status.message,
      cipher: r.cipher ?? "none",
      walMin: walOf(r.key)?.min ?? null,
      walMax: walOf(r.key)?.max ?? null,
    })),
    backups: s.backup.map((b) => ({
      label: b.label,
      type: b.type,
      repo: b.database["repo-key"],
      startedAt: new Date(b.timestamp.start * 1000).toISOString(),
      stoppedAt: new Date(b.timestamp.stop * 1000).toISOString(),
      lsnStart: b.lsn?.start ?? null,
      lsnStop: b.lsn?.stop ?? null,
      walStart: b.archive?.start ?? null,
      walStop: b.archive?.stop ?? null,
      databaseBytes: b.info.size,
      deltaBytes: b.info.delta,
      repoBytes: b.info.repository.size,
      repoDeltaBytes: b.info.repository.delta,
      prior: b.prior,
      references: b.reference ?? [],
      checksumErrors: b.error ?? false,
    })),
  };
}
