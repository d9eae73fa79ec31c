import type pg from "pg";
import { columnTypeNames } from "./query.sql";

/** Built-in types (oid below FirstNormalObjectId) have the same oid in every database. */
const FIRST_NORMAL_OID = 16384;
const builtin = new Map<string, string>();

/** Longest a result waits for its column type names before showing "oid N". */
export const TYPE_LOOKUP_TIMEOUT_MS = 5_000;

export interface FieldLike {
  dataTypeID: number;
  dataTypeModifier: number;
}

/**
 * Names result column types as format_type() does ("numeric(40,20)", "timestamp with
 * time zone"). The session's own connection is busy streaming, so the lookup runs on
 * the profile's pool; user types are cached per session by the caller's map.
 */
export async function columnTypes(
  fields: readonly FieldLike[],
  pool: () => Promise<pg.Pool>,
  cache: Map<string, string>,
): Promise<string[]> {
  const key = (f: FieldLike) => `${f.dataTypeID}:${f.dataTypeModifier}`;
  const known = (f: FieldLike) => (f.dataTypeID < FIRST_NORMAL_OID ? builtin : cache).get(key(f));
  const missing = fields.filter((f) => known(f) === undefined);
  if (missing.length > 0) {
    try {
      const p = await pool();
      const lookup = {
        text: columnTypeNames,
        values: [missing.map((f) => f.dataTypeID), missing.map((f) => f.dataTypeModifier)],
        // names are a nicety: on a stalled network the grid must not wait the pool's 35 s for them
        query_timeout: TYPE_LOOKUP_TIMEOUT_MS,
      };
      const r = await p.query<{ name: string | null }>(lookup);
      missing.forEach((f, i) =>
        (f.dataTypeID < FIRST_NORMAL_OID ? builtin : cache).set(
          key(f),
          r.rows[i]?.name ?? `oid ${f.dataTypeID}`,
        ),
      );
    } catch {
      // a temp type or a server gone away: the oid is still an honest name
      missing.forEach((f) => cache.set(key(f), `oid ${f.dataTypeID}`));
    }
  }
  return fields.map((f) => known(f) ?? `oid ${f.dataTypeID}`);
}
