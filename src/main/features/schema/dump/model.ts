import type { Sql } from "../../../db/sql";

/*
 * One entry of a whole-database script, the way pg_dump thinks of it: a piece of DDL with
 * the catalog rows it stands for and the entries it needs first. Parts that would make a
 * cycle (a column default, a foreign key, a base type's shell) are entries of their own.
 */

/** pre: objects; data: rows and sequence positions; post: indexes, constraints, triggers… */
export type DumpSection = "pre" | "data" | "post";

export interface DumpObject {
  /** The catalog row it stands for, "classid/objid" as pg_depend names it (split parts add a suffix). */
  id: string;
  /** What it is, as a heading word: "TABLE", "FK CONSTRAINT", "DEFAULT", "SHELL TYPE"… */
  kind: string;
  section: DumpSection;
  schema: string | null;
  name: string;
  /** The statements, each ending with a semicolon. */
  create: Sql[];
  /** How COMMENT ON / ALTER … OWNER TO / GRANT … ON name it, when it can carry those. */
  target?: { keyword: Sql; name: Sql; grantKeyword?: Sql };
  owner?: string | undefined;
  acl?: string[] | null | undefined;
  /** Column privileges (GRANT SELECT (col) ON …): written with the object's grants. */
  columnGrants?: Sql[];
  /** Other catalog rows it stands for (a domain's checks, a composite type's pg_class row). */
  members?: string[];
  /** Ids of the entries that must come first. */
  deps: Set<string>;
}

/**
 * The order of kinds when nothing else decides, after pg_dump_sort.c's dbObjectTypePriority:
 * schemas first, types and functions before tables, defaults after tables, constraints and
 * indexes after the data, event triggers and matview refreshes last.
 */
export const kindPriority: Record<string, number> = {
  SCHEMA: 1,
  COLLATION: 3,
  EXTENSION: 4,
  TYPE: 5,
  "SHELL TYPE": 6,
  FUNCTION: 7,
  AGGREGATE: 8,
  OPERATOR: 9,
  "OPERATOR FAMILY": 10,
  "OPERATOR CLASS": 11,
  "OPERATOR FAMILY MEMBERS": 12,
  CAST: 13,
  "TEXT SEARCH PARSER": 14,
  "TEXT SEARCH TEMPLATE": 15,
  "TEXT SEARCH DICTIONARY": 16,
  "TEXT SEARCH CONFIGURATION": 17,
  "FOREIGN DATA WRAPPER": 18,
  SERVER: 19,
  "USER MAPPING": 20,
  SEQUENCE: 21,
  TABLE: 22,
  "FOREIGN TABLE": 22,
  VIEW: 23,
  "MATERIALIZED VIEW": 23,
  "SEQUENCE OWNED BY": 24,
  DEFAULT: 25,
  "CHECK CONSTRAINT": 26,
  "DOMAIN CONSTRAINT": 26,
  "TABLE DATA": 30,
  "SEQUENCE SET": 31,
  CONSTRAINT: 40,
  INDEX: 41,
  "INDEX ATTACH": 42,
  STATISTICS: 43,
  RULE: 44,
  TRIGGER: 45,
  "FK CONSTRAINT": 46,
  POLICY: 47,
  "TABLE OPTIONS": 48,
  PUBLICATION: 49,
  "PUBLICATION TABLE": 50,
  "PUBLICATION TABLES IN SCHEMA": 51,
  SUBSCRIPTION: 52,
  "DEFAULT ACL": 53,
  "EVENT TRIGGER": 54,
  "MATERIALIZED VIEW DATA": 55,
};

export const sectionRank: Record<DumpSection, number> = { pre: 0, data: 1, post: 2 };

export function newObject(
  o: Omit<DumpObject, "deps" | "create"> & { create: Sql[]; deps?: Iterable<string> },
): DumpObject {
  return { ...o, deps: new Set(o.deps ?? []) };
}

/** "classid/objid", the key pg_depend rows are matched on. */
export const catalogId = (cls: number, oid: number): string => `${cls}/${oid}`;
