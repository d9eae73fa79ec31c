import type pg from "pg";
import type { SchemaModel } from "../../../shared/contract/schema";
import { introspect } from "./catalog.introspect";

/**
 * The catalog model per profile+database, read once and kept until refreshed.
 * Concurrent first readers share one introspection; a failed read is not cached.
 */
export class SchemaCache {
  private readonly models = new Map<string, Promise<SchemaModel>>();

  get(profileId: string, database: string | undefined, pool: () => Promise<pg.Pool>): Promise<SchemaModel> {
    const key = `${profileId}\u0000${database ?? ""}`;
    const cached = this.models.get(key);
    if (cached) return cached;
    return this.load(key, pool);
  }

  refresh(
    profileId: string,
    database: string | undefined,
    pool: () => Promise<pg.Pool>,
  ): Promise<SchemaModel> {
    return this.load(`${profileId}\u0000${database ?? ""}`, pool);
  }

  private load(key: string, pool: () => Promise<pg.Pool>): Promise<SchemaModel> {
    const loading = pool().then(introspect);
    this.models.set(key, loading);
    loading.catch(() => {
      if (this.models.get(key) === loading) this.models.delete(key);
    });
    return loading;
  }
}
