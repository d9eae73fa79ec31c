import { z } from "zod";
import { channel, event } from "./channel";
import { ProfileId } from "./common";

/** The audit layouts pgdesk recognizes by name, columns and types. */
export const AuditLayoutKind = z.enum([
  "pgdesk",
  "supa_audit",
  "audit_trigger",
  "bemi",
  "paper_trail",
  "custom",
]);
export type AuditLayoutKind = z.infer<typeof AuditLayoutKind>;

/** How a table's columns map to the meaning of an audit event. Column names are as in the catalog. */
export const AuditMapping = z.object({
  kind: AuditLayoutKind,
  schema: z.string().min(1).max(252),
  table: z.string().min(1).max(252),
  columns: z
    .object({
      id: z.string().min(1), // unique, ordered key used for keyset pagination
      time: z.string().min(1),
      entity: z.string().optional(),
      /** Tables whose entity is two columns (schema + table), e.g. supa_audit, the 2ndQuadrant trigger. */
      entitySchema: z.string().optional(),
      entityId: z.string().optional(),
      action: z.string().optional(),
      actor: z.string().optional(),
      tenant: z.string().optional(),
      before: z.string().optional(),
      after: z.string().optional(),
      changes: z.string().optional(),
      transaction: z.string().optional(),
    })
    .strict(),
  /** For a JSON column holding {before, after, changes} (section 13's `metadata`). */
  snapshotsIn: z.string().optional(),
  /** Where actor ids are people: a table whose `id` matches the actor column, and the columns that name them. */
  actorTable: z
    .object({
      schema: z.string().min(1).max(252),
      table: z.string().min(1).max(252),
      id: z.string().min(1).max(252),
      label: z.array(z.string().min(1).max(252)).min(1).max(3),
    })
    .strict()
    .optional(),
});
export type AuditMapping = z.infer<typeof AuditMapping>;

export const DetectedAuditTable = z.object({
  mapping: AuditMapping,
  /** Why pgdesk thinks this is that layout. */
  reason: z.string(),
  estimatedRows: z.number(),
});

export const AuditFilters = z
  .object({
    entity: z.string().max(500).optional(),
    entityId: z.string().max(500).optional(),
    actor: z.string().max(500).optional(),
    action: z.string().max(100).optional(),
    tenant: z.string().max(500).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Text anywhere in the before/after/changes snapshots. */
    text: z.string().max(500).optional(),
    /** Match entity, actor, action and text exactly; without it they match whatever the letter case. */
    exact: z.boolean().optional(),
  })
  .strict();
export type AuditFilters = z.infer<typeof AuditFilters>;

const JsonValue: z.ZodType<unknown> = z.unknown();

export const FieldChange = z.object({
  /** Path into the row, e.g. "status" or "address.city" or "tags[2]". */
  path: z.string(),
  kind: z.enum(["added", "removed", "changed"]),
  from: JsonValue.optional(),
  to: JsonValue.optional(),
  /** For long text values: a line diff. */
  lines: z.array(z.object({ op: z.enum(["same", "add", "del"]), text: z.string() })).optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const AuditEvent = z.object({
  /** Keyset cursor of this event (opaque to the renderer). */
  cursor: z.string(),
  id: z.string(),
  time: z.string(),
  action: z.string(),
  /** create / update / delete / truncate / other, whatever the layout called it. */
  kind: z.enum(["create", "update", "delete", "truncate", "other"]),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  actor: z.string().nullable(),
  /** The actor's name from the layout's actor table, when it has one and the id is in it. */
  actorLabel: z.string().nullable().optional(),
  tenant: z.string().nullable(),
  transaction: z.string().nullable(),
  before: JsonValue.nullable(),
  after: JsonValue.nullable(),
  changes: z.array(FieldChange),
  /** Problems reading this event (invalid JSON, a snapshot too large to show): the rest still shows. */
  problems: z.array(z.string()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const Source = z
  .object({ profileId: ProfileId, database: z.string().min(1).optional(), mapping: AuditMapping })
  .strict();

export const IndexAdvice = z.object({ message: z.string(), sql: z.string() });

export const auditChannels = {
  /** Audit tables of the known layouts found in a database, with their mapping. */
  "audit:detect": channel({
    input: z.object({ profileId: ProfileId, database: z.string().min(1).optional() }).strict(),
    output: z.object({
      detected: z.array(DetectedAuditTable),
      /** Every table with its columns, for mapping a table of another layout by hand. */
      tables: z.array(
        z.object({
          schema: z.string(),
          table: z.string(),
          columns: z.array(z.object({ name: z.string(), type: z.string() })),
        }),
      ),
      saved: z.array(AuditMapping),
    }),
  }),
  /** Saves (or replaces) a mapping for the profile; checked against the table first. */
  "audit:saveMapping": channel({ input: Source, output: AuditMapping }),
  /** Newest first, keyset-paginated; `after` is the previous page's nextCursor. */
  "audit:browse": channel({
    input: Source.extend({
      filters: AuditFilters.default({}),
      after: z.string().max(1000).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }).strict(),
    output: z.object({ events: z.array(AuditEvent), nextCursor: z.string().nullable() }),
  }),
  /** Counts per action, entity and actor over the filtered range (top 10 each). */
  "audit:counts": channel({
    input: Source.extend({ filters: AuditFilters.default({}) }).strict(),
    output: z.object({
      byAction: z.array(z.object({ key: z.string(), count: z.number() })),
      byEntity: z.array(z.object({ key: z.string(), count: z.number() })),
      byActor: z.array(z.object({ key: z.string(), count: z.number() })),
    }),
  }),
  /** Every event of one entity, oldest first, with the row as it was after each event. */
  "audit:timeline": channel({
    input: Source.extend({
      entity: z.string().min(1).max(500),
      entityId: z.string().min(1).max(500),
    }).strict(),
    output: z.object({
      events: z.array(AuditEvent.extend({ state: JsonValue.nullable(), group: z.string().nullable() })),
      truncated: z.boolean(),
    }),
  }),
  /**
   * Whether the timeline (use "entity") or the newest-first browse (use "time") can use an
   * index on the audit table; if not, the CREATE INDEX CONCURRENTLY to review. Read fresh
   * from the catalog, so advice disappears as soon as the index exists.
   */
  "audit:advice": channel({
    input: Source.extend({ use: z.enum(["entity", "time"]) }).strict(),
    output: z.array(IndexAdvice),
  }),
  /** Writes the filtered events (or one timeline) to a CSV or JSON file, redacted, with progress events. */
  "audit:export": channel({
    input: Source.extend({
      filters: AuditFilters.default({}),
      format: z.enum(["csv", "json"]),
      path: z.string().min(1).max(4096),
    }).strict(),
    output: z.object({ path: z.string(), rows: z.number(), bytes: z.number() }),
  }),
  /** Field names masked everywhere (UI and exports), for this profile. */
  "audit:getRedaction": channel({
    input: z.object({ profileId: ProfileId }).strict(),
    output: z.array(z.string()),
  }),
  "audit:setRedaction": channel({
    input: z.object({ profileId: ProfileId, fields: z.array(z.string().min(1).max(200)).max(200) }).strict(),
    output: z.array(z.string()),
  }),
} as const;

export const auditEvents = {
  "audit:didExportProgress": event({
    payload: z.object({ path: z.string(), rows: z.number(), done: z.boolean() }),
  }),
} as const;
