import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { ProfileId } from "./common";

const Host = z
  .string()
  .trim()
  .min(1, "host is required")
  .max(255)
  .refine((h) => !h.startsWith("-"), "host may not start with '-'")
  .refine((h) => !h.includes(","), "host may not contain ','; list further hosts one by one");

/** libpq's sslmode values; each maps to an explicit TLS behaviour in main (db/tls.ts). */
export const SslMode = z.enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"], {
  error: "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full",
});
export type SslMode = z.infer<typeof SslMode>;

/** restore = a point-in-time copy pgdesk restored and started (see pitr). */
export const EnvironmentTag = z.enum(["development", "staging", "production", "demo", "restore"]);
export type EnvironmentTag = z.infer<typeof EnvironmentTag>;

/** What a profile talks to: a PostgreSQL server, or PgBouncer's admin console (database "pgbouncer"). */
export const ProfileKind = z.enum(["postgres", "pgbouncer"], { error: "kind must be postgres or pgbouncer" });
export type ProfileKind = z.infer<typeof ProfileKind>;

/** A free label for filtering a fleet (e.g. "eu-west", "billing"); the environment has its own field. */
export const ProfileLabel = z
  .string()
  .trim()
  .min(1, "a tag may not be empty")
  .max(64, "a tag is at most 64 characters")
  .refine(
    (t) => ![...t].some((ch) => ch === "," || ch.charCodeAt(0) < 0x20),
    "a tag may not contain commas or control characters",
  );

/** Membership of a Patroni cluster, set by discovery and kept by edits. */
export const ClusterMembership = z.object({ clusterId: z.string(), member: z.string() });
export type ClusterMembership = z.infer<typeof ClusterMembership>;

/** A local file path (CA, client certificate, key); main checks it exists when connecting. */
const FilePath = z
  .string()
  .trim()
  .max(4096)
  .refine((p) => !p.includes("\u0000"), "path may not contain NUL");

/** libpq's target_session_attrs: which of the listed hosts a session may land on. */
export const TargetSessionAttrs = z.enum(
  ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"],
  {
    error: "targetSessionAttrs must be one of any, read-write, read-only, primary, standby, prefer-standby",
  },
);
export type TargetSessionAttrs = z.infer<typeof TargetSessionAttrs>;

/** One more host:port of a multi-host profile (libpq host=h1,h2 port=p1,p2). */
export const HostPort = z
  .object({
    host: Host,
    port: z.number().int().min(1, "port must be 1-65535").max(65535, "port must be 1-65535"),
  })
  .strict();
export type HostPort = z.infer<typeof HostPort>;

/** OpenSSH fingerprint of a host key, as `ssh-keygen -lf` prints it. */
export const HostKeyFingerprint = z
  .string()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "host key fingerprint must look like SHA256:<43 base64 characters>");

/** An SSH jump to reach the database; the tunnel runs in main. */
export const SshSettings = z
  .object({
    host: Host,
    port: z.number().int().min(1, "ssh port must be 1-65535").max(65535, "ssh port must be 1-65535"),
    user: z
      .string()
      .trim()
      .min(1, "ssh user is required")
      .max(255)
      .refine((u) => !u.startsWith("-"), "ssh user may not start with '-'"),
    /** agent: SSH_AUTH_SOCK; key: a private key file (passphrase in sshSecret); password: sshSecret. */
    auth: z.enum(["agent", "key", "password"]),
    keyFile: FilePath.optional(),
    /** The fingerprint the user accepted on first use; another key is refused. */
    hostKey: HostKeyFingerprint.optional(),
  })
  .strict();
export type SshSettings = z.infer<typeof SshSettings>;

/** Fields shared by the stored profile and the draft the user edits. */
const ProfileSettings = {
  /**
   * Hosts after the first (host/port), tried in order like libpq's host list; the first
   * that answers and matches targetSessionAttrs is used.
   */
  additionalHosts: z.array(HostPort).max(16, "at most 16 additional hosts").optional(),
  /** libpq target_session_attrs; default any. */
  targetSessionAttrs: TargetSessionAttrs.optional(),
  /** libpq load_balance_hosts: random shuffles the host list for each new connection. */
  loadBalanceHosts: z
    .enum(["disable", "random"], { error: "loadBalanceHosts must be disable or random" })
    .optional(),
  /** libpq default is prefer; pgdesk's default too. */
  sslmode: SslMode.optional(),
  /** CA bundle for verify-ca/verify-full (libpq sslrootcert; "system" = the OS trust store). */
  sslRootCert: FilePath.optional(),
  sslCert: FilePath.optional(),
  sslKey: FilePath.optional(),
  /** Sessions run with default_transaction_read_only=on; user statements in BEGIN READ ONLY. */
  readOnly: z.boolean().optional(),
  connectTimeoutSeconds: z
    .number()
    .int("connectTimeoutSeconds must be a whole number")
    .min(1, "connectTimeoutSeconds must be 1-300")
    .max(300, "connectTimeoutSeconds must be 1-300")
    .optional(),
  applicationName: z
    .string()
    .max(63, "applicationName is at most 63 characters")
    .regex(/^[\x20-\x7e]*$/, "applicationName may only hold printable ASCII")
    .optional(),
  /** Folder the profile is listed under. */
  group: z.string().trim().max(200).optional(),
  /** Free labels to filter a fleet by. */
  tags: z.array(ProfileLabel).max(32, "at most 32 tags").optional(),
  /** postgres (default) or pgbouncer (the admin console). */
  kind: ProfileKind.optional(),
  ssh: SshSettings.optional(),
};

/** What the renderer may see of a saved profile: never the password itself. */
export const Profile = z.object({
  id: ProfileId,
  name: z.string(),
  host: Host,
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  hasPassword: z.boolean(),
  /** An SSH password or key passphrase is saved (never sent itself). */
  hasSshSecret: z.boolean().optional(),
  /** A passphrase for the encrypted client key (sslKey) is saved (never sent itself). */
  hasSslPassword: z.boolean().optional(),
  /** demo = the embedded server pgdesk runs itself. */
  tag: EnvironmentTag.optional(),
  /** The Patroni cluster and member this profile was discovered as. */
  cluster: ClusterMembership.optional(),
  ...ProfileSettings,
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
  /** SSH password or key passphrase: undefined keeps the stored one, null clears it. */
  sshSecret: z.string().max(4096).nullable().optional(),
  /** Passphrase of an encrypted client key (libpq sslpassword): undefined keeps the stored one, null clears it. */
  sslPassword: z.string().max(4096).nullable().optional(),
  tag: EnvironmentTag.optional(),
  ...ProfileSettings,
});
export type ProfileDraft = z.infer<typeof ProfileDraft>;

export const ConnectionTest = z.object({
  serverVersion: z.string(),
  serverVersionNum: z.number().int(),
  latencyMs: z.number(),
  /** Whether the session is encrypted, and how the server certificate was checked. */
  tls: z.object({ encrypted: z.boolean(), verified: z.enum(["none", "chain", "chain+hostname"]) }).optional(),
  /** The host the session landed on (one of the profile's hosts). */
  host: z.string().optional(),
  port: z.number().int().optional(),
  /** Hosts tried before it, with why each was passed over (multi-host profiles). */
  skipped: z.array(z.object({ host: z.string(), port: z.number().int(), reason: z.string() })).optional(),
  /** Where the password came from when the profile has none: e.g. "~/.pgpass line 3". */
  passwordSource: z.string().optional(),
  /** Things libpq would warn about, e.g. a ~/.pgpass others can read (ignored). */
  warnings: z.array(z.string()).optional(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** A pasted URI / conninfo or a service entry, turned into form fields (password separate). */
export const ImportedDraft = z.object({
  draft: ProfileDraft.omit({ password: true, sshSecret: true, sslPassword: true, name: true }).extend({
    name: z.string(),
  }),
  /** A password that was part of the pasted text (the form pre-fills it; never logged). */
  password: z.string().optional(),
  /** An sslpassword that was part of the pasted text (same treatment as password). */
  sslPassword: z.string().optional(),
  /** Keys that pgdesk does not use, or other things the user should know. */
  warnings: z.array(z.string()),
});
export type ImportedDraft = z.infer<typeof ImportedDraft>;

export const ConnectionState = z.enum(["connected", "disconnected", "reconnecting"]);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const ConnectionStatus = z.object({
  profileId: ProfileId,
  state: ConnectionState,
  message: z.string().optional(),
  /** When the next automatic attempt is due (ms since epoch), while disconnected. */
  nextAttemptAt: z.number().optional(),
  /** The host the profile's connections last landed on (matters for multi-host profiles). */
  host: z.string().optional(),
  port: z.number().int().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const profilesChannels = {
  /** Saved profiles, in the order the user sees them. */
  "profiles:list": channel({ input: NoInput, output: z.array(Profile) }),
  /** Create (no id) or update (id) a profile; nothing is saved unless all of it is valid. */
  "profiles:save": channel({
    input: z.object({ id: ProfileId.optional(), draft: ProfileDraft }).strict(),
    output: Profile,
  }),
  /** A copy of a saved profile (password included) named "<name> (copy)". */
  "profiles:duplicate": channel({ input: z.object({ id: ProfileId }).strict(), output: Profile }),
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
  /** Parse a pasted libpq URI (postgresql://...) or key=value conninfo into form fields. */
  "profiles:parseConnectionString": channel({
    input: z.object({ text: z.string().max(8192) }).strict(),
    output: ImportedDraft,
  }),
  /** Services of pg_service.conf (PGSERVICEFILE, ~/.pg_service.conf, PGSYSCONFDIR). */
  "profiles:listServices": channel({
    input: NoInput,
    output: z.object({
      files: z.array(z.string()),
      services: z.array(z.object({ name: z.string(), file: z.string(), imported: ImportedDraft })),
      warnings: z.array(z.string()),
    }),
  }),
  /** A saved profile as a libpq URI, without its password. */
  "profiles:exportUri": channel({
    input: z.object({ id: ProfileId }).strict(),
    output: z.object({ uri: z.string() }),
  }),
  /** Current state of a profile's connections (as last seen by the connection manager). */
  "profiles:connectionStatus": channel({
    input: z.object({ id: ProfileId }).strict(),
    output: ConnectionStatus,
  }),
  /** Try to reach a disconnected profile's server now instead of waiting for the backoff. */
  "profiles:retryConnection": channel({
    input: z.object({ id: ProfileId }).strict(),
    output: ConnectionStatus,
  }),
} as const;

export const profilesEvents = {
  /** A profile's pool lost or regained its server. */
  "connection:didChangeState": event({
    payload: z.object({
      profileId: ProfileId,
      state: ConnectionState,
      message: z.string().optional(),
      nextAttemptAt: z.number().optional(),
      host: z.string().optional(),
      port: z.number().int().optional(),
    }),
  }),
} as const;
