import type { DumpableObject, DumpableSchema } from "../../../shared/contract/backup";
import type { CallContext } from "../handler-types";
import { dumpableRelations, dumpableSchemas } from "./dump-objects.sql";

interface RelationRow {
  schema: string;
  name: string;
  relkind: string;
  is_partition: boolean;
  parent: string | null;
  bytes: number;
}

const KINDS: Record<string, DumpableObject["kind"]> = {
  r: "table",
  p: "partitioned",
  v: "view",
  m: "matview",
  f: "foreign",
  S: "sequence",
};

/** What a backup of this database can include or leave out, schema by schema. */
export async function dumpableObjects(
  ctx: CallContext,
  profileId: string,
  database?: string,
): Promise<{ database: string; schemas: DumpableSchema[] }> {
  const [schemas, relations, current] = await Promise.all([
    ctx.db.query<{ name: string }>(profileId, dumpableSchemas, [], database),
    ctx.db.query<RelationRow>(profileId, dumpableRelations, [], database),
    ctx.db.query<{ db: string }>(profileId, "SELECT current_database() AS db", [], database),
  ]);
  const bySchema = new Map<string, DumpableObject[]>(schemas.rows.map((s) => [s.name, []]));
  for (const r of relations.rows) {
    const kind = r.is_partition ? "partition" : KINDS[r.relkind];
    if (!kind) continue;
    const list = bySchema.get(r.schema) ?? [];
    list.push({ name: r.name, kind, bytes: Number(r.bytes), ...(r.parent ? { partitionOf: r.parent } : {}) });
    bySchema.set(r.schema, list);
  }
  return {
    database: current.rows[0]!.db,
    schemas: [...bySchema].map(([name, objects]) => ({ name, objects })),
  };
}
