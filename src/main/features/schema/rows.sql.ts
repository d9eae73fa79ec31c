import { sql } from "../../db/sql";

/**
 * The column's type (`t`, a domain's base type) has an ordering: a default btree operator
 * class for it, for a type it is binary-coercible to (varchar to text), or for the
 * polymorphic family it belongs to (arrays, enums, ranges, composites). json, xml, point
 * and the like have none: ORDER BY on them is an error, so they are not offered for sorting.
 */
const sortable = sql`EXISTS (
    SELECT 1 FROM pg_opclass oc
    WHERE oc.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree') AND oc.opcdefault
      AND (oc.opcintype = coalesce(nullif(t.typbasetype, 0), t.oid)
           OR EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = coalesce(nullif(t.typbasetype, 0), t.oid)
                      AND k.casttarget = oc.opcintype AND k.castmethod = 'b' AND k.castcontext = 'i')
           OR (oc.opcintype = 'anyarray'::regtype AND t.typcategory = 'A')
           OR (oc.opcintype = 'anyenum'::regtype AND t.typtype = 'e')
           OR (oc.opcintype = 'anyrange'::regtype AND t.typtype = 'r')
           OR (oc.opcintype = 'anymultirange'::regtype AND t.typtype = 'm')
           OR (oc.opcintype = 'record'::regtype AND t.typtype = 'c')))`;

/** What paging a table needs: its columns with types, primary key, kind and estimate. */
export const tableShape = sql`
  SELECT c.oid, c.relkind AS kind, c.reltuples::float8 AS reltuples, c.relhassubclass AS has_children,
         (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'num', a.attnum,
                 'sortable', ${sortable}) ORDER BY a.attnum)
          FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
         (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM pg_index i
          CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
          WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`;

/** Indexes that help "deleted IS NULL" queries: the column is a key, or the predicate names it. */
export const softDeleteIndexes = sql`
  SELECT ic.relname AS name
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE i.indrelid = $1
    AND ($2::int2 = ANY (i.indkey::int2[]) OR pg_get_expr(i.indpred, i.indrelid) LIKE '%' || $3 || '%')
  ORDER BY ic.relname`;
