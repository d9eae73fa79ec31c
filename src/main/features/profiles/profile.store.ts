import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { AppError, type Profile, type ProfileDraft } from "../../../shared/contract";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
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
  tag: z.enum(["development", "staging", "production", "demo"]).optional(),
});
type StoredProfile = z.infer<typeof StoredProfile>;

const StoreFile = z.object({ version: z.literal(1), profiles: z.array(StoredProfile) });

/** What the connection manager needs to open a connection. Never leaves main. */
export interface ConnectionParams {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

export class ProfileStore {
  private readonly path: string;
  /** Serializes writers so two saves never lose each other's changes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, private readonly secrets: SecretStore) {
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
      const sealedPassword =
        draft.password === null ? undefined
        : draft.password !== undefined ? await this.secrets.seal(draft.password)
        : existing?.sealedPassword;
      const stored: StoredProfile = {
        id: existing?.id ?? randomUUID(),
        name: draft.name,
        host: draft.host,
        port: draft.port,
        database: draft.database,
        user: draft.user,
        ...(sealedPassword ? { sealedPassword } : {}),
        ...(draft.tag ? { tag: draft.tag } : {}),
      };
      const next = existing ? all.map((p) => (p.id === stored.id ? stored : p)) : [...all, stored];
      await writeJsonFileAtomic(this.path, { version: 1, profiles: next });
      return toPublic(stored);
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
    return { host: p.host, port: p.port, database: p.database, user: p.user, ...(await this.openPassword(p)) };
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

  private async find(id: string): Promise<StoredProfile> {
    const found = (await this.read()).find((p) => p.id === id);
    if (!found) throw new AppError("NOT_FOUND", `No profile with id ${id}`);
    return found;
  }

  private async read(): Promise<StoredProfile[]> {
    const raw = await readJsonFile<unknown>(this.path, { version: 1, profiles: [] });
    const parsed = StoreFile.safeParse(raw);
    if (!parsed.success) throw new AppError("INTERNAL", `Profile file ${this.path} is damaged; it was left as it is.`);
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
    ...(p.tag ? { tag: p.tag } : {}),
  };
}
