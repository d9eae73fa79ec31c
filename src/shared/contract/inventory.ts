import { z } from "zod";
import { channel } from "./channel";
import { ProfileId } from "./common";
import { EnvironmentTag, Profile, ProfileKind, ProfileLabel } from "./profiles";

/**
 * Where many profiles come from at once: the pg_service.conf files libpq reads (or a pasted
 * one), a pgAdmin servers.json export, or a list of libpq URIs / conninfo strings, one a line.
 */
export const ImportSource = z.enum(["pgService", "pgAdmin", "uriList"], {
  error: "source must be pgService, pgAdmin or uriList",
});
export type ImportSource = z.infer<typeof ImportSource>;

const ImportText = z.string().max(2_000_000, "at most 2 MB of text");

/** One profile an import would create; passwords stay in main (hasPassword says one came with it). */
export const ImportCandidate = z.object({
  /** Position in the source, to pick entries by. */
  index: z.number().int(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  kind: ProfileKind,
  group: z.string().optional(),
  hasPassword: z.boolean(),
  /** A saved profile with the same user@host:port/database. */
  duplicateOf: ProfileId.optional(),
  /** Set when the entry cannot be imported (the line or field and why). */
  error: z.string().optional(),
  warnings: z.array(z.string()),
});
export type ImportCandidate = z.infer<typeof ImportCandidate>;

const SourceInput = {
  source: ImportSource,
  /** Pasted text; pgService without text reads the files libpq would. */
  text: ImportText.optional(),
};

export const inventoryChannels = {
  /** What an import would create, entry by entry, with each problem named; nothing is saved. */
  "inventory:preview": channel({
    input: z.object(SourceInput).strict(),
    output: z.object({
      candidates: z.array(ImportCandidate),
      /** Files read (pgService). */
      files: z.array(z.string()),
      warnings: z.array(z.string()),
    }),
  }),
  /**
   * Saves the picked entries (all valid ones when `pick` is absent) as profiles in one
   * write, with the group, tags and environment given here (an entry's own group wins).
   */
  "inventory:import": channel({
    input: z
      .object({
        ...SourceInput,
        pick: z.array(z.number().int().min(0)).max(10_000).optional(),
        group: z.string().trim().max(200).optional(),
        tags: z.array(ProfileLabel).max(32).optional(),
        environment: EnvironmentTag.optional(),
        /** Entries matching a saved profile are skipped unless this is true. */
        includeDuplicates: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      created: z.array(Profile),
      skipped: z.array(z.object({ index: z.number().int(), name: z.string(), reason: z.string() })),
    }),
  }),
  /** Moves profiles to a group and adds or removes tags, in one write. */
  "inventory:label": channel({
    input: z
      .object({
        ids: z.array(ProfileId).min(1).max(10_000),
        /** A group name; null takes them out of any group; absent keeps each one's. */
        group: z.string().trim().max(200).nullable().optional(),
        addTags: z.array(ProfileLabel).max(32).optional(),
        removeTags: z.array(ProfileLabel).max(32).optional(),
      })
      .strict(),
    output: z.array(Profile),
  }),
} as const;
