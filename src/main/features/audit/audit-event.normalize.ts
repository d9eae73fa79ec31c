import type { AuditEvent, AuditMapping } from "../../../shared/contract/audit";
import type { RawAuditRow } from "./audit-query.builder";
import { applyChanges, diffJson } from "./json-diff";
import type { Redactor } from "./redact";

/** Snapshots bigger than this are not parsed or shown (the event still is). */
export const MAX_SNAPSHOT_CHARS = 2 * 1024 * 1024;
/** Timestamps that only change on every write would drown the real changes. */
const IGNORED_IN_DIFF = new Set(["updatedAt", "updated_at"]);

const KIND: Record<string, AuditEvent["kind"]> = {
  create: "create", insert: "create", i: "create", c: "create",
  update: "update", u: "update",
  delete: "delete", destroy: "delete", d: "delete",
  truncate: "truncate", t: "truncate",
};

export function actionKind(action: string | null): AuditEvent["kind"] {
  return KIND[(action ?? "").toLowerCase()] ?? "other";
}

export function encodeCursor(row: Pick<RawAuditRow, "time_key" | "id">): string {
  return Buffer.from(JSON.stringify([row.time_key, row.id])).toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // fall through to the error below: a cursor is only valid as we made it
  }
  throw new Error("invalid cursor");
}

/** Turns one raw row of any layout into an event with redacted snapshots and a field diff. */
export function normalizeEvent(row: RawAuditRow, mapping: AuditMapping, redactor: Redactor): AuditEvent {
  const problems: string[] = [];
  const parse = (label: string, text: string | null): unknown => {
    if (text === null) return null;
    if (text.length > MAX_SNAPSHOT_CHARS) {
      problems.push(`${label} snapshot is ${(text.length / 1048576).toFixed(1)} MB; too large to show`);
      return null;
    }
    if (mapping.kind === "paper_trail" && text.startsWith("---")) {
      problems.push(`${label} is stored as YAML; pgdesk reads PaperTrail versions stored as JSON`);
      return null;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      problems.push(`${label} is not valid JSON`);
      return null;
    }
  };

  const kind = actionKind(row.action);
  let before = parse("before", row.before);
  let after = parse("after", row.after);
  let changes = parse("changes", row.changes);

  if (mapping.snapshotsIn) {
    const meta = parse("metadata", row.snapshots) as Record<string, unknown> | null;
    if (meta && typeof meta === "object") {
      before = meta.before ?? null;
      after = meta.after ?? null;
      changes = meta.changes ?? null;
    }
  }
  if (mapping.kind === "audit_trigger") {
    // row_data is the row before an UPDATE/DELETE and the new row of an INSERT; changed_fields the new values
    const row_ = before;
    before = kind === "create" ? null : row_;
    after = kind === "create" ? row_ : kind === "update" ? applyChanges(row_, toChangeSet(changes)) : null;
  }
  if (mapping.kind === "paper_trail") {
    after = kind === "delete" ? null : applyChanges(before ?? {}, changes);
  }
  if (kind === "create" && before === undefined) before = null;

  const diff = before !== null || after !== null ? diffJson(before ?? {}, after ?? {}, IGNORED_IN_DIFF) : [];
  const masked = diff.map((d) =>
    redactor.isSecretPath(d.path)
      ? { path: d.path, kind: d.kind, ...(d.from !== undefined ? { from: "••••••" } : {}), ...(d.to !== undefined ? { to: "••••••" } : {}) }
      : { ...d, from: redactor.redact(d.from), to: redactor.redact(d.to) },
  );

  return {
    cursor: encodeCursor(row),
    id: row.id,
    time: row.time,
    action: row.action ?? "",
    kind,
    entity: row.entity,
    entityId: row.entity_id,
    actor: row.actor,
    tenant: row.tenant,
    transaction: row.tx,
    before: redactor.redact(before) ?? null,
    after: redactor.redact(after) ?? null,
    changes: masked,
    problems,
  };
}

/** The 2ndQuadrant trigger stores changed fields as {field: newValue}. */
function toChangeSet(changes: unknown): Record<string, { to: unknown }> {
  if (!changes || typeof changes !== "object") return {};
  return Object.fromEntries(Object.entries(changes as Record<string, unknown>).map(([k, v]) => [k, { to: v }]));
}
