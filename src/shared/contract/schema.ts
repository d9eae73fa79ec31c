import { z } from "zod";
import { channel, event } from "./channel";
import { PgName, ProfileId } from "./common";

/*
 * The catalog model. Kept compact for 10,000-table databases: optional fields are
 * omitted when empty/false, and objects refer to each other by schema + name.
 */

export const SchemaInfo = z.object({ name: z.string(), owner: z.string(), comment: z.string().optional() });

export const ColumnInfo = z.object({
  name: z.string(),
  /** format_type() text, e.g. "character varying(20)". */
  type: z.string(),
  notNull: z.boolean().optional(),
  default: z.string().optional(),
  /** a = ALWAYS, d = BY DEFAULT. */
  identity: z.enum(["a", "d"]).optional(),
  /** Generation expression; stored (s) or virtual (v, PostgreSQL 18). */
  generated: z.object({ expr: z.string(), kind: z.enum(["s", "v"]) }).optional(),
  collation: z.string().optional(),
  comment: z.string().optional(),
  /** Inherited from a parent and not declared locally (partitions, INHERITS children). */
  inherited: z.boolean().optional(),
});
export type ColumnInfo = z.infer<typeof ColumnInfo>;

export const RelationKind = z.enum(["table", "partitioned", "view", "matview", "foreign"]);
export type RelationKind = z.infer<typeof RelationKind>;

export const RelationInfo = z.object({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  kind: RelationKind,
  owner: z.string(),
  comment: z.string().optional(),
  /** reltuples; null when never analyzed. */
  rowEstimate: z.number().nullable(),
  unlogged: z.boolean().optional(),
  /** Partitioned tables: pg_get_partkeydef, e.g. "RANGE (created_at)". */
  partitionKey: z.string().optional(),
  /** Partitions: the parent and the bound, e.g. "FOR VALUES FROM (...) TO (...)". */
  partitionOf: z.object({ schema: z.string(), name: z.string(), bound: z.string() }).optional(),
  /** Plain inheritance parents, in order. */
  inherits: z.array(z.object({ schema: z.string(), name: z.string() })).optional(),
  rlsEnabled: z.boolean().optional(),
  rlsForced: z.boolean().optional(),
  /** relacl as aclitem texts ("role=arwdDxt/owner"); absent = default privileges. */
  acl: z.array(z.string()).optional(),
  /** Foreign tables: the server name. */
  foreignServer: z.string().optional(),
  columns: z.array(ColumnInfo),
});
export type RelationInfo = z.infer<typeof RelationInfo>;

export const ConstraintInfo = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** p primary key, f foreign key, u unique, c check, x exclusion. */
  type: z.enum(["p", "f", "u", "c", "x"]),
  columns: z.array(z.string()),
  /** pg_get_constraintdef text. */
  definition: z.string(),
  notValid: z.boolean().optional(),
  references: z
    .object({
      schema: z.string(),
      table: z.string(),
      columns: z.array(z.string()),
      /** a no action, r restrict, c cascade, n set null, d set default. */
      onUpdate: z.string(),
      onDelete: z.string(),
    })
    .optional(),
  /** Inherited from a parent (partition or INHERITS child). */
  inherited: z.boolean().optional(),
  comment: z.string().optional(),
});
export type ConstraintInfo = z.infer<typeof ConstraintInfo>;

export const IndexInfo = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** pg_get_indexdef text. */
  definition: z.string(),
  /** Key column names; expressions appear as null. */
  columns: z.array(z.string().nullable()),
  unique: z.boolean().optional(),
  primary: z.boolean().optional(),
  /** The index backs a constraint (PK, unique, exclusion) of this name. */
  constraint: z.string().optional(),
  invalid: z.boolean().optional(),
  partial: z.boolean().optional(),
  /** Created through a partitioned parent's index. */
  inherited: z.boolean().optional(),
  method: z.string(),
  comment: z.string().optional(),
});
export type IndexInfo = z.infer<typeof IndexInfo>;

export const TriggerInfo = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  definition: z.string(),
  /** O origin/local (enabled), D disabled, R replica, A always. */
  enabled: z.string(),
  inherited: z.boolean().optional(),
  comment: z.string().optional(),
});

export const RuleInfo = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  definition: z.string(),
});

export const FunctionInfo = z.object({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  /** f function, p procedure, a aggregate, w window. */
  kind: z.enum(["f", "p", "a", "w"]),
  /** pg_get_function_identity_arguments. */
  args: z.string(),
  result: z.string().optional(),
  language: z.string(),
  /** i immutable, s stable, v volatile. */
  volatility: z.enum(["i", "s", "v"]),
  owner: z.string(),
  comment: z.string().optional(),
});
export type FunctionInfo = z.infer<typeof FunctionInfo>;

export const SequenceInfo = z.object({
  schema: z.string(),
  name: z.string(),
  dataType: z.string(),
  start: z.string(),
  increment: z.string(),
  min: z.string(),
  max: z.string(),
  cache: z.string(),
  cycle: z.boolean().optional(),
  ownedBy: z.object({ schema: z.string(), table: z.string(), column: z.string() }).optional(),
  owner: z.string(),
  comment: z.string().optional(),
});
export type SequenceInfo = z.infer<typeof SequenceInfo>;

export const EnumInfo = z.object({
  schema: z.string(),
  name: z.string(),
  labels: z.array(z.string()),
  owner: z.string(),
  comment: z.string().optional(),
});
export const DomainInfo = z.object({
  schema: z.string(),
  name: z.string(),
  baseType: z.string(),
  notNull: z.boolean().optional(),
  default: z.string().optional(),
  collation: z.string().optional(),
  checks: z.array(z.object({ name: z.string(), definition: z.string() })),
  owner: z.string(),
  comment: z.string().optional(),
});
export const CompositeInfo = z.object({
  schema: z.string(),
  name: z.string(),
  attributes: z.array(z.object({ name: z.string(), type: z.string(), collation: z.string().optional() })),
  owner: z.string(),
  comment: z.string().optional(),
});
export const ExtensionInfo = z.object({ name: z.string(), version: z.string(), schema: z.string() });
export const PolicyInfo = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** r SELECT, a INSERT, w UPDATE, d DELETE, * ALL. */
  command: z.string(),
  permissive: z.boolean(),
  roles: z.array(z.string()),
  using: z.string().optional(),
  check: z.string().optional(),
});

export const SchemaModel = z.object({
  database: z.string(),
  serverVersionNum: z.number().int(),
  /** When this snapshot was read (ISO). */
  readAt: z.string(),
  schemas: z.array(SchemaInfo),
  relations: z.array(RelationInfo),
  constraints: z.array(ConstraintInfo),
  indexes: z.array(IndexInfo),
  triggers: z.array(TriggerInfo),
  rules: z.array(RuleInfo),
  functions: z.array(FunctionInfo),
  sequences: z.array(SequenceInfo),
  enums: z.array(EnumInfo),
  domains: z.array(DomainInfo),
  composites: z.array(CompositeInfo),
  extensions: z.array(ExtensionInfo),
  policies: z.array(PolicyInfo),
});
export type SchemaModel = z.infer<typeof SchemaModel>;

export const DdlKind = z.enum([
  "schema",
  "table",
  "view",
  "matview",
  "foreign",
  "index",
  "constraint",
  "trigger",
  "rule",
  "function",
  "sequence",
  "enum",
  "domain",
  "composite",
  "extension",
  "policy",
]);
export type DdlKind = z.infer<typeof DdlKind>;

const Target = z.object({ profileId: ProfileId, database: PgName.optional() });

export const RowFilter = z.object({
  column: PgName,
  op: z.enum(["=", "<>", "<", "<=", ">", ">=", "contains", "isNull", "notNull"]),
  value: z.string().max(10_000).optional(),
});
export type RowFilter = z.infer<typeof RowFilter>;

export const RowsInput = Target.extend({
  schema: PgName,
  table: PgName,
  /** Opaque keyset cursor from the previous page's `next`. */
  after: z.string().max(100_000).optional(),
  sort: z.object({ column: PgName, direction: z.enum(["asc", "desc"]) }).optional(),
  filters: z.array(RowFilter).max(20).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  /** Soft-deletable tables hide rows with deletedAt set unless this is true. */
  showDeleted: z.boolean().optional(),
  /** An inheritance or partition parent's own rows only (FROM ONLY); default: with its children's. */
  only: z.boolean().optional(),
}).strict();

export const SoftDeleteInfo = z.object({
  column: z.string(),
  deletedCount: z.number(),
  /** An index has the column as a key or mentions it in its predicate. */
  indexed: z.boolean(),
  indexes: z.array(z.string()),
});

export const RowsPage = z.object({
  /** sortable false: the type has no ordering (json, xml, point…), so the column cannot be sorted. */
  columns: z.array(z.object({ name: z.string(), type: z.string(), sortable: z.boolean().optional() })),
  /** Values exactly as PostgreSQL prints them; null is SQL NULL. */
  rows: z.array(z.array(z.string().nullable())),
  /** Cursor for the next page; absent at the end. */
  next: z.string().optional(),
  /** How pages are keyed: the primary key columns, or ctid when there is none. */
  keyset: z.array(z.string()),
  /** Why pages are not keyed on the primary key alone (no key: ctid; children: tableoid first). */
  keyNote: z.string().optional(),
  /** The table has inheritance children or partitions: the user chooses with or without them. */
  hasChildren: z.boolean(),
  /** The page is the table's own rows only (FROM ONLY). */
  only: z.boolean(),
  rowEstimate: z.number().nullable(),
  softDelete: SoftDeleteInfo.optional(),
});
export type RowsPage = z.infer<typeof RowsPage>;

export const schemaChannels = {
  /** The whole catalog model of a database, from the per-profile cache (read on first use). */
  "schema:introspect": channel({ input: Target.strict(), output: SchemaModel }),
  /** Re-reads the catalog, replacing the cached model. */
  "schema:refresh": channel({ input: Target.strict(), output: SchemaModel }),
  /**
   * DDL of one object, assembled from pg_get_*def where PostgreSQL has one.
   * kind "schema" with neither schema nor name gives the whole database's script.
   */
  "schema:ddl": channel({
    input: Target.extend({
      kind: DdlKind,
      schema: PgName.optional(),
      name: PgName.optional(),
      /** For functions (overloads) and anything else addressed by oid. */
      oid: z.number().int().positive().optional(),
      /** Constraints, triggers, rules and policies belong to a table. */
      table: PgName.optional(),
    }).strict(),
    output: z.object({ ddl: z.string() }),
  }),
  /**
   * The whole database as one script in dependency order (pg_depend, cycles broken the way
   * pg_dump does), with or without owners, grants and data (rows as INSERT statements, so
   * it runs in any SQL editor). `notes` says what the script could not write exactly.
   */
  "schema:script": channel({
    input: Target.extend({ owners: z.boolean(), grants: z.boolean(), data: z.boolean() }).strict(),
    output: z.object({ script: z.string(), notes: z.array(z.string()), entries: z.number().int() }),
  }),
  /** One page of a table's rows (read-only), keyset-paginated. */
  "schema:rows": channel({ input: RowsInput, output: RowsPage }),
  /** Exact count(*) of a table, optionally excluding soft-deleted rows. */
  "schema:rowCount": channel({
    input: Target.extend({
      schema: PgName,
      table: PgName,
      filters: z.array(RowFilter).max(20).optional(),
      showDeleted: z.boolean().optional(),
      only: z.boolean().optional(),
    }).strict(),
    output: z.object({ count: z.number() }),
  }),
} as const;

export const schemaEvents = {
  /** A cached model was re-read (by refresh). */
  "schema:didRefresh": event({
    payload: z.object({ profileId: ProfileId, database: z.string().optional() }),
  }),
} as const;
