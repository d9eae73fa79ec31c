import { z } from "zod";
import { channel, NoInput } from "./channel";
import { DatabaseName, ProfileId } from "./common";

/**
 * Limits of a saved tab. Over a limit the save is refused with a message saying so (the
 * renderer keeps the text and tells the user): never cut to fit.
 */
export const TAB_LIMITS = {
  sqlChars: 2_000_000,
  titleChars: 200,
  filePathChars: 4096,
  /** Serialized JSON size of the renderer's result layout. */
  resultLayoutChars: 64 * 1024,
  /** Serialized JSON size of the plans pinned beside the editor. */
  pinnedPlansChars: 4_000_000,
  /** Open tabs at once (positions run 0..tabs-1). */
  tabs: 500,
} as const;

/** Chosen by the renderer when it opens a tab, so a save never waits for an id. */
export const TabId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "invalid tab id");

const tooLong = (what: string, max: number) => (issue: { input?: unknown }) => {
  const size = typeof issue.input === "string" ? issue.input.length : undefined;
  return (
    `${what} is ${size === undefined ? "too long" : `${size.toLocaleString("en-US")} characters`}; ` +
    `tabs keep at most ${max.toLocaleString("en-US")}. Nothing was cut: the editor still has it all ` +
    `(save it to a file to keep it).`
  );
};

export const TabSql = z
  .string()
  .max(TAB_LIMITS.sqlChars, { error: tooLong("The tab's SQL", TAB_LIMITS.sqlChars) });

/** JSON the renderer owns, bounded by its serialized size. */
const boundedJson = (what: string, max: number) =>
  z.json().superRefine((value, ctx) => {
    const size = JSON.stringify(value).length;
    if (size > max)
      ctx.addIssue({
        code: "custom",
        message: `${what} is ${size.toLocaleString("en-US")} characters as JSON; tabs keep at most ${max.toLocaleString("en-US")}`,
      });
  });

export const ResultLayout = boundedJson("The result layout", TAB_LIMITS.resultLayoutChars);
export const PinnedPlans = boundedJson("The pinned plans", TAB_LIMITS.pinnedPlansChars);

/** 1-based, as Monaco counts. */
export const TabCursor = z
  .object({ line: z.number().int().min(1), column: z.number().int().min(1) })
  .strict();
export type TabCursor = z.infer<typeof TabCursor>;

export const TabSelection = z
  .object({
    startLine: z.number().int().min(1),
    startColumn: z.number().int().min(1),
    endLine: z.number().int().min(1),
    endColumn: z.number().int().min(1),
  })
  .strict();
export type TabSelection = z.infer<typeof TabSelection>;

/** The tab's last run, so a reloaded tab runs it again (the results themselves are not kept). */
export const TabLastRun = z
  .object({
    mode: z.enum(["all", "selection", "statement-at-cursor"]),
    cursorOffset: z.number().int().min(0).optional(),
    selection: z
      .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
      .strict()
      .optional(),
    /** Digest of the whole editor text when it ran: equal now means the text was run as it is. */
    digest: z.string().max(64),
    at: z.string().max(40),
  })
  .strict();
export type TabLastRun = z.infer<typeof TabLastRun>;

/** The fields a save may change; absent means "unchanged", null means "cleared". */
const tabFields = {
  position: z.number().int().min(0).max(TAB_LIMITS.tabs),
  title: z.string().max(TAB_LIMITS.titleChars, { error: tooLong("The tab's title", TAB_LIMITS.titleChars) }),
  profileId: ProfileId.nullable(),
  database: DatabaseName.nullable(),
  sql: TabSql,
  cursor: TabCursor.nullable(),
  selection: TabSelection.nullable(),
  resultLayout: ResultLayout.nullable(),
  pinnedPlans: PinnedPlans.nullable(),
  /** The text differs from the file it was opened from or saved to. */
  dirty: z.boolean(),
  /** Statement timeout in seconds; 0 = none. */
  timeoutSeconds: z.number().int().min(0).max(2_147_483),
  /** Rows a run streams before it stops. */
  rowCap: z.number().int().min(1).max(100_000_000),
  /** false: manual mode (a transaction opens before the first statement; the user ends it). */
  autocommit: z.boolean(),
  lastRun: TabLastRun.nullable(),
  filePath: z
    .string()
    .min(1)
    .max(TAB_LIMITS.filePathChars, { error: tooLong("The file path", TAB_LIMITS.filePathChars) })
    .nullable(),
};

export const TabPatch = z.object({ id: TabId, ...z.object(tabFields).partial().shape }).strict();
export type TabPatch = z.infer<typeof TabPatch>;

export const TabState = z.object({
  id: TabId,
  ...tabFields,
  /** Counts saves of this tab; the answer of each save carries the new value. */
  revision: z.number().int().min(1),
  updatedAt: z.string(),
  /** Saved parts that could not be read back (reset to null), in words; absent when all is well. */
  problems: z.array(z.string()).optional(),
});
export type TabState = z.infer<typeof TabState>;

export const TabSaved = z.object({ id: TabId, revision: z.number().int(), updatedAt: z.string() });
export type TabSaved = z.infer<typeof TabSaved>;

export const tabsChannels = {
  /** The saved query tabs, in their order. */
  "tabs:list": channel({ input: NoInput, output: z.array(TabState) }),
  /**
   * Creates the tab or changes the fields given (the renderer sends what changed, debounced
   * while typing). One small transaction: once this answers, the change survives a crash.
   */
  "tabs:save": channel({ input: TabPatch, output: TabSaved }),
  /** Forgets a tab (the renderer asks first when its text was never saved or run). */
  "tabs:close": channel({ input: z.object({ id: TabId }).strict(), output: z.object({}) }),
  /** New order: the ids given come first, in that order; tabs not named keep theirs after them. */
  "tabs:reorder": channel({
    input: z.object({ ids: z.array(TabId).max(TAB_LIMITS.tabs) }).strict(),
    output: z.array(z.object({ id: TabId, position: z.number().int() })),
  }),
} as const;
