import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { ProfileId } from "./common";

const Host = z
  .string()
  .trim()
  .min(1, "host is required")
  .max(255)
  .refine((h) => !h.startsWith("-"), "host may not start with '-'");

/** What the renderer may see of a saved profile: never the password itself. */
export const Profile = z.object({
  id: ProfileId,
  name: z.string(),
  host: Host,
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  hasPassword: z.boolean(),
  /** demo = the embedded server pgdesk runs itself. */
  tag: z.enum(["development", "staging", "production", "demo"]).optional(),
});
export type Profile = z.infer<typeof Profile>;

/** The fields a user fills in. `password` undefined keeps the stored one, null clears it. */
export const ProfileDraft = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  host: Host,
  port: z.number().int().min(1, "port must be 1-65535").max(65535, "port must be 1-65535"),
  database: z.string().min(1, "database is required").max(252),
  user: z.string().min(1, "user is required").max(252),
  password: z.string().max(4096).nullable().optional(),
  tag: z.enum(["development", "staging", "production", "demo"]).optional(),
});
export type ProfileDraft = z.infer<typeof ProfileDraft>;

export const ConnectionTest = z.object({
  serverVersion: z.string(),
  serverVersionNum: z.number().int(),
  latencyMs: z.number(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const profilesChannels = {
  /** Saved profiles, in the order the user sees them. */
  "profiles:list": channel({ input: NoInput, output: z.array(Profile) }),
  /** Create (no id) or update (id) a profile; nothing is saved unless all of it is valid. */
  "profiles:save": channel({
    input: z.object({ id: ProfileId.optional(), draft: ProfileDraft }).strict(),
    output: Profile,
  }),
  /** Remove a profile and its secrets, closing its connections. */
  "profiles:delete": channel({ input: z.object({ id: ProfileId }).strict(), output: z.object({}) }),
  /**
   * Connect once and report the server version and round-trip time. Either a saved
   * profile (id) or an unsaved draft; with both, the draft's fields win and the saved
   * password is used when the draft has none.
   */
  "profiles:test": channel({
    input: z.object({ id: ProfileId.optional(), draft: ProfileDraft.optional() }).strict(),
    output: ConnectionTest,
  }),
} as const;

export const profilesEvents = {
  /** A profile's pool lost or regained its server. */
  "connection:didChangeState": event({
    payload: z.object({
      profileId: ProfileId,
      state: z.enum(["connected", "disconnected", "reconnecting"]),
      message: z.string().optional(),
    }),
  }),
} as const;
