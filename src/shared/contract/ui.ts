import { z } from "zod";
import { channel, NoInput } from "./channel";
import { DatabaseName, ProfileId } from "./common";
import { TabId } from "./tabs";

function boundedRecord<V extends z.ZodType>(value: V) {
  return z
    .record(ProfileId, value)
    .refine((r) => Object.keys(r).length <= 1000, "at most 1,000 profiles are remembered");
}
export const Theme = z.enum(["system", "light", "dark"]);
export type Theme = z.infer<typeof Theme>;

/** App-wide UI state restored at start; null when never set (or not readable). */
export const UiState = z.object({
  lastProfileId: ProfileId.nullable(),
  /** The area (page) last shown, e.g. "query". */
  lastPage: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "invalid page id")
    .nullable(),
  activeTabId: TabId.nullable(),
  /** The query tab last shown for each profile. */
  activeTabByProfile: boundedRecord(TabId).nullable(),
  /** The database each profile was last switched to (absent: the profile's own). */
  databaseByProfile: boundedRecord(DatabaseName).nullable(),
  /** Light, dark, or follow the system (null: never chosen, which means follow the system). */
  theme: Theme.nullable(),
});
export type UiState = z.infer<typeof UiState>;
export type UiStateKey = keyof UiState;

export const uiChannels = {
  "ui:getState": channel({ input: NoInput, output: UiState }),
  /** Sets the keys given (null clears one); answers the whole state. */
  "ui:setState": channel({ input: UiState.partial().strict(), output: UiState }),
} as const;
