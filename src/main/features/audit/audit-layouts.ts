import type { AuditMapping } from "../../../shared/contract/audit";
import { findActorTable } from "./audit-actors";

export interface CatalogTable {
  schema: string;
  table: string;
  estimatedRows: number;
  columns: Array<{ name: string; type: string }>;
}

interface LayoutRule {
  kind: AuditMapping["kind"];
  /** Table names the layout uses. */
  names: string[];
  /** Columns (name -> type pattern) that must all be there. */
  requires: Record<string, RegExp>;
  mapping(t: CatalogTable): Omit<AuditMapping, "schema" | "table" | "kind">;
  reason: string;
}

const has = (t: CatalogTable, name: string) => t.columns.some((c) => c.name === name);
const pick = (t: CatalogTable, ...names: string[]) => names.find((n) => has(t, n));
const JSONISH = /^(jsonb?|text)$/;

/** The five layouts the issue names, by their published table and column shapes. */
const RULES: LayoutRule[] = [
  {
    kind: "pgdesk",
    names: ["audit_logs", "audit_log", "AuditLog"],
    requires: { action: /./, entity: /./, metadata: /^jsonb?$/ },
    reason: "an audit_logs table with action, entity and a JSON metadata column holding before/after/changes",
    mapping: (t) => ({
      columns: {
        id: "id",
        time: pick(t, "createdAt", "created_at") ?? "createdAt",
        entity: "entity",
        ...opt("entityId", pick(t, "entityId", "entity_id")),
        action: "action",
        ...opt("actor", pick(t, "actorId", "actor_id", "userId", "user_id")),
        ...opt("tenant", pick(t, "organizationId", "organization_id", "tenantId", "tenant_id")),
      },
      snapshotsIn: "metadata",
    }),
  },
  {
    kind: "supa_audit",
    names: ["record_version"],
    requires: {
      record_id: /./,
      old_record_id: /./,
      op: /./,
      ts: /timestamp/,
      table_name: /./,
      record: /^jsonb$/,
      old_record: /^jsonb$/,
    },
    reason: "supa_audit's audit.record_version (record / old_record snapshots keyed by record_id)",
    mapping: () => ({
      columns: {
        id: "id",
        time: "ts",
        entitySchema: "table_schema",
        entity: "table_name",
        entityId: "record_id",
        action: "op",
        before: "old_record",
        after: "record",
      },
    }),
  },
  {
    kind: "audit_trigger",
    names: ["logged_actions"],
    requires: { event_id: /./, table_name: /./, action: /./, row_data: /^hstore$/ },
    reason: "the 2ndQuadrant audit trigger's audit.logged_actions (hstore row_data and changed_fields)",
    mapping: (t) => ({
      columns: {
        id: "event_id",
        time: pick(t, "action_tstamp_tx", "action_tstamp_clk", "action_tstamp_stm") ?? "action_tstamp_tx",
        entitySchema: "schema_name",
        entity: "table_name",
        action: "action",
        ...opt("actor", pick(t, "session_user_name")),
        before: "row_data",
        ...opt("changes", pick(t, "changed_fields")),
        ...opt("transaction", pick(t, "transaction_id")),
      },
    }),
  },
  {
    kind: "bemi",
    names: ["changes"],
    requires: {
      primary_key: /./,
      before: /^jsonb$/,
      after: /^jsonb$/,
      table: /./,
      operation: /./,
      committed_at: /timestamp/,
    },
    reason: "Bemi's changes table (before/after JSONB per committed change)",
    mapping: (t) => ({
      columns: {
        id: "id",
        time: "committed_at",
        ...opt("entitySchema", pick(t, "schema")),
        entity: "table",
        entityId: "primary_key",
        action: "operation",
        ...opt("actor", pick(t, "context")),
        before: "before",
        after: "after",
        ...opt("transaction", pick(t, "transaction_id")),
      },
    }),
  },
  {
    kind: "paper_trail",
    names: ["versions"],
    requires: { item_type: /./, item_id: /./, event: /./, object: JSONISH },
    reason: "PaperTrail's versions table (object before the event, object_changes as [from, to])",
    mapping: (t) => ({
      columns: {
        id: "id",
        time: "created_at",
        entity: "item_type",
        entityId: "item_id",
        action: "event",
        ...opt("actor", pick(t, "whodunnit")),
        before: "object",
        ...opt("changes", pick(t, "object_changes")),
        ...opt("transaction", pick(t, "transaction_id")),
      },
    }),
  },
];

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** Finds audit tables of the known layouts by name, columns and types. */
export function detectAuditTables(
  tables: CatalogTable[],
): Array<{ mapping: AuditMapping; reason: string; estimatedRows: number }> {
  const found: Array<{ mapping: AuditMapping; reason: string; estimatedRows: number }> = [];
  for (const t of tables) {
    for (const rule of RULES) {
      if (!rule.names.includes(t.table)) continue;
      const ok = Object.entries(rule.requires).every(([name, type]) =>
        t.columns.some((c) => c.name === name && type.test(c.type)),
      );
      if (!ok) continue;
      const mapping: AuditMapping = { kind: rule.kind, schema: t.schema, table: t.table, ...rule.mapping(t) };
      const actorTable = mapping.columns.actor ? findActorTable(t, tables) : undefined;
      found.push({
        mapping: actorTable ? { ...mapping, actorTable } : mapping,
        reason: rule.reason,
        estimatedRows: Math.max(0, t.estimatedRows),
      });
      break;
    }
  }
  return found;
}
