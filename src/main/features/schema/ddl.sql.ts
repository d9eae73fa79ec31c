import { inUserSchema, notExtensionMember } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** View and materialized view bodies; $1 = one oid, or null for all of them. */
export const viewBodies = sql`
  SELECT c.oid, pg_get_viewdef(c.oid, true) AS def
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm') AND ($1::oid IS NULL OR c.oid = $1)
    AND ${inUserSchema}`;

/** Function and procedure definitions (aggregates have none); $1 = one oid, or null for all. */
export const functionBodies = sql`
  SELECT p.oid, pg_get_functiondef(p.oid) AS def
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'w') AND ($1::oid IS NULL OR p.oid = $1)
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_proc", sql`p.oid`)}`;
