import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { AppError, type Profile, type ProfileDraft } from "../../../shared/contract";
import {
  ClusterMembership,
  EnvironmentTag,
  HostPort,
  ProfileKind,
  SshSettings,
  SslMode,
  TargetSessionAttrs,
} from "../../../shared/contract/profiles";
import type { ConnectionParams } from "../../db/connection-params";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
import { lookupPgpass } from "../../db/pgpass";
import type { Logger } from "../../logger";
import type { SecretStore } from "./secret-store";

/** A profile as stored on disk: the draft's fields, with the password sealed. */
const StoredProfile = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  database: z.string(),
  user: z.string(),
  sealedPassword: z.string().optional(),
  tag: EnvironmentTag.optional(),
  sslmode: SslMode.optional(),
  sslRootCert: z.string().optional(),
  sslCert: z.string().optional(),
  sslKey: z.string().optional(),
  readOnly: z.boolean().optional(),
  connectTimeoutSeconds: z.number().optional(),
  applicationName: z.string().optional(),
  group: z.string().optional(),
  tags: z.array(z.string()).optional(),
  kind: ProfileKind.optional(),
  cluster: ClusterMembership.optional(),
  ssh: SshSettings.optional(),
  sealedSshSecret: z.string().optional(),
  additionalHosts: z.array(HostPort).optional(),
  targetSessionAttrs: TargetSessionAttrs.optional(),
  loadBalanceHosts: z.enum(["disable", "random"]).optional(),
  sealedSslPassword: z.string().optional(),
});
type StoredProfile = z.infer<typeof StoredProfile>;

const StoreFile = z.object({ version: z.literal(1), profiles: z.array(StoredProfile) });

const SETTING_KEYS = [
  "tag",
  "sslmode",
  "sslRootCert",
  "sslCert",
  "sslKey",
  "readOnly",
  "connectTimeoutSeconds",
  "applicationName",
  "group",
  "tags",
  "kind",
  "ssh",
  "additionalHosts",
  "targetSessionAttrs",
  "loadBalanceHosts",
] as const;

export class ProfileStore {
  private readonly path: string;
  /** Serializes writers so two saves never lose each other's changes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
    private readonly log?: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.path = join(dataDir, "profiles.json");
  }

  async list(): Promise<Profile[]> {
    return (await this.read()).map(toPublic);
  }

  async get(id: string): Promise<Profile> {
    return toPublic(await this.find(id));
  }

  save(id: string | undefined, draft: ProfileDraft): Promise<Profile> {
    return this.exclusive(async () => {
      const all = await this.read();
      const existing = id ? all.find((p) => p.id === id) : undefined;
      if (id && !existing) throw new AppError("NOT_FOUND", `No profile with id ${id}`);
      const stored = await this.toStored(draft, existing);
      const next = existing ? all.map((p) => (p.id === stored.id ? stored : p)) : [...all, stored];
      await writeJsonFileAtomic(this.path, { version: 1, profiles: next });
      return toPublic(stored);
    });
  }

  /**
   * Many new profiles in one write (a fleet import): each draft is checked first, and
   * nothing is saved unless every one is valid. `cluster` marks discovered members.
   */
  saveMany(drafts: Array<{ draft: ProfileDraft; cluster?: ClusterMembership }>): Promise<Profile[]> {
    return this.exclusive(async () => {
      const all = await this.read();
      const created: StoredProfile[] = [];
      for (const [i, { draft, cluster }] of drafts.entries()) {
        try {
          created.push({ ...(await this.toStored(draft, undefined)), ...(cluster ? { cluster } : {}) });
        } catch (err) {
          if (err instanceof AppError)
            throw new AppError(err.code, `${draft.name} (#${i + 1}): ${err.message}`);
          throw err;
        }
      }
      await writeJsonFileAtomic(this.path, { version: 1, profiles: [...all, ...created] });
      return created.map(toPublic);
    });
  }

  /**
   * Changes fields that are not secrets (group, tags, host, cluster membership) of some
   * profiles in one write; `change` returns the new public fields, or undefined to keep.
   */
  update(
    ids: string[],
    change: (p: Profile) => Partial<Pick<StoredProfile, UpdatableKey>> | undefined,
  ): Promise<Profile[]> {
    return this.exclusive(async () => {
      const all = await this.read();
      const wanted = new Set(ids);
      const missing = ids.filter((id) => !all.some((p) => p.id === id));
      if (missing.length) throw new AppError("NOT_FOUND", `No profile with id ${missing[0]}`);
      const changed: StoredProfile[] = [];
      const next = all.map((p) => {
        if (!wanted.has(p.id)) return p;
        const edit = change(toPublic(p));
        if (!edit) return p;
        const updated = dropEmpty({ ...p, ...edit });
        changed.push(updated);
        return updated;
      });
      if (changed.length) await writeJsonFileAtomic(this.path, { version: 1, profiles: next });
      return changed.map(toPublic);
    });
  }

  private async toStored(draft: ProfileDraft, existing: StoredProfile | undefined): Promise<StoredProfile> {
    checkDraft(draft);
    const sealedPassword =
      draft.password === null
        ? undefined
        : draft.password !== undefined
          ? await this.secrets.seal(draft.password)
          : existing?.sealedPassword;
    const sealedSshSecret =
      draft.sshSecret === null || !draft.ssh
        ? undefined
        : draft.sshSecret !== undefined
          ? await this.secrets.seal(draft.sshSecret)
          : existing?.sealedSshSecret;
    // a passphrase belongs to a key: no key file, nothing to keep
    const sealedSslPassword =
      draft.sslPassword === null || !draft.sslKey
        ? undefined
        : draft.sslPassword !== undefined
          ? await this.secrets.seal(draft.sslPassword)
          : existing?.sealedSslPassword;
    return {
      id: existing?.id ?? randomUUID(),
      name: draft.name,
      host: draft.host,
      port: draft.port,
      database: draft.database,
      user: draft.user,
      ...(sealedPassword ? { sealedPassword } : {}),
      ...(sealedSshSecret ? { sealedSshSecret } : {}),
      ...(sealedSslPassword ? { sealedSslPassword } : {}),
      ...settingsOf(draft),
      // discovery set it; an edit of the form keeps it
      ...(existing?.cluster ? { cluster: existing.cluster } : {}),
    };
  }

  /** A copy under a new id, password (still sealed) included. */
  duplicate(id: string): Promise<Profile> {
    return this.exclusive(async () => {
      const all = await this.read();
      const source = all.find((p) => p.id === id);
      if (!source) throw new AppError("NOT_FOUND", `No profile with id ${id}`);
      const names = new Set(all.map((p) => p.name));
      let name = `${source.name} (copy)`;
      for (let n = 2; names.has(name); n++) name = `${source.name} (copy ${n})`;
      // a copy is the user's own profile, not a discovered cluster member
      const { cluster: _cluster, ...rest } = source;
      const copy: StoredProfile = { ...rest, id: randomUUID(), name };
      const at = all.indexOf(source);
      await writeJsonFileAtomic(this.path, {
        version: 1,
        profiles: [...all.slice(0, at + 1), copy, ...all.slice(at + 1)],
      });
      return toPublic(copy);
    });
  }

  delete(id: string): Promise<void> {
    return this.exclusive(async () => {
      const all = await this.read();
      if (!all.some((p) => p.id === id)) throw new AppError("NOT_FOUND", `No profile with id ${id}`);
      await writeJsonFileAtomic(this.path, { version: 1, profiles: all.filter((p) => p.id !== id) });
    });
  }

  /** The saved profile with its password opened; for main's own use only. */
  async connectionParams(id: string): Promise<ConnectionParams> {
    const p = await this.find(id);
    const { tag: _tag, group: _group, tags: _tags, kind: _kind, ssh, ...settings } = settingsOf(p);
    const params: ConnectionParams = {
      host: p.host,
      port: p.port,
      database: p.database,
      user: p.user,
      ...settings,
      ...(await this.openPassword(p)),
      ...(await this.openSslPassword(p)),
    };
    if (ssh) params.ssh = { ...ssh, ...(await this.openSshSecret(p)) };
    const tls = { mode: p.sslmode, rootcert: p.sslRootCert, cert: p.sslCert, key: p.sslKey };
    const tlsSet = Object.fromEntries(Object.entries(tls).filter(([, v]) => v));
    if (Object.keys(tlsSet).length) params.tls = tlsSet;
    return this.withPgpass(params);
  }

  /**
   * libpq reads ~/.pgpass (or PGPASSFILE) when no password is given; so do we. Like
   * libpq, each host of a multi-host list is matched on its own name and port.
   */
  async withPgpass<T extends ConnectionParams>(params: T): Promise<T> {
    if (params.password !== undefined) return params;
    const found = await lookupPgpass(params, this.env);
    for (const w of found.warnings) this.log?.warn(w);
    const warned = found.warnings.length ? { ...params, pgpassWarnings: found.warnings } : params;
    const first =
      found.password === undefined
        ? warned
        : { ...warned, password: found.password, passwordSource: found.source };
    if (!params.additionalHosts?.length) return first;
    const byHost: NonNullable<ConnectionParams["pgpassByHost"]> = {
      [`${params.host}:${params.port}`]: { password: found.password, source: found.source },
    };
    for (const h of params.additionalHosts) {
      const other = await lookupPgpass({ ...params, host: h.host, port: h.port }, this.env);
      byHost[`${h.host}:${h.port}`] = { password: other.password, source: other.source };
    }
    return { ...first, pgpassByHost: byHost };
  }

  private async openPassword(p: StoredProfile): Promise<{ password?: string }> {
    if (!p.sealedPassword) return {};
    try {
      return { password: await this.secrets.open(p.sealedPassword) };
    } catch {
      throw new AppError(
        "CONFLICT",
        `The saved password of "${p.name}" cannot be decrypted on this machine; enter it again in the profile.`,
      );
    }
  }

  private async openSslPassword(p: StoredProfile): Promise<{ sslPassword?: string }> {
    if (!p.sealedSslPassword) return {};
    try {
      return { sslPassword: await this.secrets.open(p.sealedSslPassword) };
    } catch {
      throw new AppError(
        "CONFLICT",
        `The saved passphrase of the client key of "${p.name}" cannot be decrypted on this machine; enter it again in the profile.`,
        { field: "sslPassword" },
      );
    }
  }

  private async openSshSecret(p: StoredProfile): Promise<{ secret?: string }> {
    if (!p.sealedSshSecret) return {};
    try {
      return { secret: await this.secrets.open(p.sealedSshSecret) };
    } catch {
      throw new AppError(
        "CONFLICT",
        `The saved SSH password or passphrase of "${p.name}" cannot be decrypted on this machine; enter it again in the profile.`,
        { field: "sshSecret" },
      );
    }
  }

  private async find(id: string): Promise<StoredProfile> {
    const found = (await this.read()).find((p) => p.id === id);
    if (!found) throw new AppError("NOT_FOUND", `No profile with id ${id}`);
    return found;
  }

  private async read(): Promise<StoredProfile[]> {
    const raw = await readJsonFile<unknown>(this.path, { version: 1, profiles: [] });
    const parsed = StoreFile.safeParse(raw);
    if (!parsed.success)
      throw new AppError("INTERNAL", `Profile file ${this.path} is damaged; it was left as it is.`);
    return parsed.data.profiles;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function toPublic(p: StoredProfile): Profile {
  return {
    id: p.id,
    name: p.name,
    host: p.host,
    port: p.port,
    database: p.database,
    user: p.user,
    hasPassword: Boolean(p.sealedPassword),
    ...(p.sealedSshSecret ? { hasSshSecret: true } : {}),
    ...(p.sealedSslPassword ? { hasSslPassword: true } : {}),
    ...(p.cluster ? { cluster: p.cluster } : {}),
    ...settingsOf(p),
  };
}

type UpdatableKey = "group" | "tags" | "host" | "port" | "additionalHosts" | "cluster" | "name";

/** Unset fields (empty text, empty lists, undefined) are not stored. */
function dropEmpty(p: StoredProfile): StoredProfile {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as StoredProfile;
}

/** The optional settings that are set (empty text counts as unset). */
function settingsOf(
  p: Partial<Record<(typeof SETTING_KEYS)[number], unknown>>,
): Pick<StoredProfile, (typeof SETTING_KEYS)[number]> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const v = p[key];
    if (v === undefined || v === "" || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as Pick<StoredProfile, (typeof SETTING_KEYS)[number]>;
}

/** Rules that span fields; each error names the field to fix. */
export function checkDraft(draft: ProfileDraft): void {
  const fail = (field: string, message: string) => {
    throw new AppError("VALIDATION", `${field}: ${message}`, { field });
  };
  if (draft.sslCert && !draft.sslKey) fail("sslKey", "a client certificate needs its private key file");
  if (draft.sslKey && !draft.sslCert) fail("sslCert", "a private key needs its client certificate file");
  if (draft.sslmode === "disable" && (draft.sslRootCert || draft.sslCert)) {
    fail(
      "sslmode",
      "certificate files are set but sslmode is disable; choose a mode that uses TLS or clear the files",
    );
  }
  if (draft.sslPassword && !draft.sslKey)
    fail("sslPassword", "a key passphrase is set but there is no client key file");
  if (draft.kind === "pgbouncer" && draft.database !== "pgbouncer")
    fail("database", 'a PgBouncer profile opens the admin console, whose database is "pgbouncer"');
  if (draft.kind === "pgbouncer" && draft.readOnly)
    fail(
      "readOnly",
      "a PgBouncer admin console runs no SQL; read-only does not apply (and PgBouncer refuses the option)",
    );
  if (draft.readOnly && draft.targetSessionAttrs === "read-write") {
    // our own default_transaction_read_only=on makes every session read-only, so libpq's check could never pass
    fail(
      "targetSessionAttrs",
      "read-write can never match a read-only profile (its sessions are read-only); use primary to avoid standbys",
    );
  }
  const seen = new Set([`${draft.host}:${draft.port}`]);
  for (const [i, h] of (draft.additionalHosts ?? []).entries()) {
    if (h.host.startsWith("/"))
      fail(
        `additionalHosts.${i}.host`,
        `Unix-domain sockets (${h.host}) are not supported; use a TCP host name`,
      );
    const key = `${h.host}:${h.port}`;
    if (seen.has(key)) fail(`additionalHosts.${i}.host`, `${key} is listed twice`);
    seen.add(key);
  }
}
