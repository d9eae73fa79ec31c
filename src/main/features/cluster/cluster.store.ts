import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import type { Cluster } from "../../../shared/contract/cluster";
import { EnvironmentTag } from "../../../shared/contract/profiles";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
import type { SecretStore } from "../profiles/secret-store";

const StoredCluster = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  apiUrls: z.array(z.string()),
  group: z.string().optional(),
  tags: z.array(z.string()),
  environment: EnvironmentTag.optional(),
  members: z.array(z.object({ member: z.string(), profileId: z.string() })),
  leaderProfileId: z.string().optional(),
  apiUser: z.string().optional(),
  sealedApiPassword: z.string().optional(),
});
export type StoredCluster = z.infer<typeof StoredCluster>;

const StoreFile = z.object({ version: z.literal(1), clusters: z.array(StoredCluster) });

/** Discovered Patroni clusters in clusters.json; the REST API password is sealed like profile passwords. */
export class ClusterStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly secrets: SecretStore,
  ) {
    this.path = join(dataDir, "clusters.json");
  }

  async list(): Promise<Cluster[]> {
    return (await this.read()).map(toPublic);
  }

  async get(id: string): Promise<StoredCluster> {
    const found = (await this.read()).find((c) => c.id === id);
    if (!found) throw new AppError("NOT_FOUND", `No cluster with id ${id}`);
    return found;
  }

  /** A new cluster; the API password (if any) is sealed here. */
  add(
    fields: Omit<StoredCluster, "id" | "sealedApiPassword"> & { apiPassword?: string; id?: string },
  ): Promise<StoredCluster> {
    return this.exclusive(async () => {
      const all = await this.read();
      const { apiPassword, ...rest } = fields;
      const stored: StoredCluster = {
        ...rest,
        id: fields.id ?? randomUUID(),
        ...(apiPassword ? { sealedApiPassword: await this.secrets.seal(apiPassword) } : {}),
      };
      await this.write([...all, stored]);
      return stored;
    });
  }

  /** Changes one cluster in one write (membership sync, a renamed member). */
  update(id: string, change: (c: StoredCluster) => StoredCluster): Promise<StoredCluster> {
    return this.exclusive(async () => {
      const all = await this.read();
      const found = all.find((c) => c.id === id);
      if (!found) throw new AppError("NOT_FOUND", `No cluster with id ${id}`);
      const next = change(found);
      await this.write(all.map((c) => (c.id === id ? next : c)));
      return next;
    });
  }

  remove(id: string): Promise<StoredCluster> {
    return this.exclusive(async () => {
      const all = await this.read();
      const found = all.find((c) => c.id === id);
      if (!found) throw new AppError("NOT_FOUND", `No cluster with id ${id}`);
      await this.write(all.filter((c) => c.id !== id));
      return found;
    });
  }

  /** Basic auth for Patroni's unsafe endpoints, opened in main only. */
  async apiAuth(c: StoredCluster): Promise<{ user: string; password: string } | undefined> {
    if (!c.apiUser) return undefined;
    if (!c.sealedApiPassword) return { user: c.apiUser, password: "" };
    try {
      return { user: c.apiUser, password: await this.secrets.open(c.sealedApiPassword) };
    } catch {
      throw new AppError(
        "CONFLICT",
        `The saved Patroni API password of "${c.name}" cannot be decrypted on this machine; discover the cluster again.`,
      );
    }
  }

  private async read(): Promise<StoredCluster[]> {
    const parsed = StoreFile.safeParse(await readJsonFile<unknown>(this.path, { version: 1, clusters: [] }));
    if (!parsed.success)
      throw new AppError("INTERNAL", `Cluster file ${this.path} is damaged; it was left as it is.`);
    return parsed.data.clusters;
  }

  private write(clusters: StoredCluster[]): Promise<void> {
    return writeJsonFileAtomic(this.path, { version: 1, clusters });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export function toPublic(c: StoredCluster): Cluster {
  return {
    id: c.id,
    name: c.name,
    scope: c.scope,
    apiUrls: c.apiUrls,
    ...(c.group ? { group: c.group } : {}),
    tags: c.tags,
    ...(c.environment ? { environment: c.environment } : {}),
    members: c.members,
    ...(c.leaderProfileId ? { leaderProfileId: c.leaderProfileId } : {}),
    hasApiAuth: Boolean(c.apiUser),
  };
}
