import { z } from "zod";
import { channel, NoInput } from "./channel";

/** Something about the app's local store the user must hear about. */
export const StoreNotice = z.object({
  kind: z.enum(["moved-aside", "import-failed", "imported"]),
  message: z.string(),
  /** Where the affected file now is (moved-aside store, kept legacy file). */
  path: z.string().optional(),
  at: z.string(),
});
export type StoreNotice = z.infer<typeof StoreNotice>;

export const StoreStatus = z.object({
  /** The store's file, `<dataDir>/pgdesk.db`. */
  path: z.string(),
  /** Applied migrations (the store's schema version). */
  version: z.number().int(),
  /** This run's notices, oldest first. */
  notices: z.array(StoreNotice),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const storeChannels = {
  /**
   * The local store's state. Fails with the reason when the store could not be opened
   * (e.g. a migration failed: which file and statement).
   */
  "store:status": channel({ input: NoInput, output: StoreStatus }),
} as const;
