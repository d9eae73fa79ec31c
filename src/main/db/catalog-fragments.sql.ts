import { quoteLiteral, sql, type Sql } from "./sql";

/*
 * SQL pieces more than one query needs, written once. By convention `n` is pg_namespace
 * in every query that filters on schemas.
 */

/**
 * `column` names a schema of the user's, not of the server: PostgreSQL reserves the pg_
 * prefix (CREATE SCHEMA pg_x fails with 42939), which covers pg_catalog, pg_toast and
 * every session's pg_temp_N and pg_toast_temp_N; information_schema is the only system
 * schema without it. pg_dump draws the same line. A regex, not LIKE: in LIKE the _ of
 * 'pg_' would match any character (and its escape is easy to lose in a template).
 */
export function isUserSchema(column: Sql): Sql {
  return sql`(${column} !~ '^pg_' AND ${column} <> 'information_schema')`;
}

/** The rows of pg_namespace `n` that are the user's schemas. */
export const inUserSchema = isUserSchema(sql`n.nspname`);

/** Catalogs whose rows an extension can own. */
export type ExtensionMemberCatalog = "pg_namespace" | "pg_class" | "pg_proc" | "pg_type";

/**
 * The object `oid` (a row of `catalog`) does not belong to an extension: such objects are
 * recreated by CREATE EXTENSION, so neither a DDL script nor a backup selection lists them.
 */
export function notExtensionMember(catalog: ExtensionMemberCatalog, oid: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM pg_depend x
                    WHERE x.classid = ${quoteLiteral(catalog)}::regclass AND x.objid = ${oid} AND x.deptype = 'e')`;
}

/** Catalogs whose rows carry a COMMENT the schema browser shows. */
export type DescribedCatalog =
  "pg_namespace" | "pg_class" | "pg_constraint" | "pg_trigger" | "pg_proc" | "pg_type";

/**
 * LEFT JOIN of the object's comment as `d.description`; `subid` is a column number for a
 * column's comment, 0 for the object itself.
 */
export function commentJoin(catalog: DescribedCatalog, oid: Sql, subid: Sql = sql`0`): Sql {
  return sql`LEFT JOIN pg_description d ON d.objoid = ${oid} AND d.classoid = ${quoteLiteral(catalog)}::regclass AND d.objsubid = ${subid}`;
}

/**
 * A row of pg_stat_activity is one of pgdesk's own sessions: named 'pgdesk', or named like
 * the session asking (a profile may set its own application_name).
 */
export const isPgdeskSession = sql`application_name IN ('pgdesk', coalesce(nullif(current_setting('application_name'), ''), 'pgdesk'))`;

/** A row of pg_stat_statements belongs to the current database. */
export const statementOfThisDatabase = sql`dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`;
