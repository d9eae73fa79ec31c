import type { AuditEvent, AuditMapping } from "../../../shared/contract/audit";
import type { RawAuditRow } from "./audit-query.builder";
import { applyChanges, diffJson } from "./json-diff";
import type { Redactor } from "./redact";

/** Snapshots bigger than this are not parsed or shown (the event still is). */
export const MAX_SNAPSHOT_CHARS = 2 * 1024 * 1024;
/** Timestamps that only change on every write would drown the real changes. */
const IGNORED_IN_DIFF = new Set(["updatedAt", "updated_at"]);

const KIND: Record<string, AuditEvent["kind"]> = {
  create: "create",
  insert: "create",
  i: "create",
  c: "create",
  update: "update",
  u: "update",
  delete: "delete",
  destroy: "delete",
  d: "delete",
  truncate: "truncate",
  t: "truncate",
};

export function actionKind(action: string | null): AuditEvent["kind"] {
  return KIND[(action ?? "").toLowerCase()] ?? "other";
}

/**
 * A keyset cursor: the row's time key, length-prefixed, then its id ("23:2025-01-01 00:00:01.5" + id).
 * Plain concatenation because every event carries one (it is also the event's key in the UI).
 */
export function encodeCursor(row: { time_key: string; id: string }): string {
  return `${row.time_key.length}:${row.time_key}${row.id}`;
}

export function decodeCursor(cursor: string): [string, string] {
  const colon = cursor.indexOf(":");
  const digits = cursor.slice(0, colon);
  const length = Number(digits);
  if (colon < 1 || !/^\d+$/.test(digits) || colon + 1 + length > cursor.length)
    throw new Error("invalid cursor");
  const start = colon + 1;
  return [cursor.slice(start, start + length), cursor.slice(start + length)];
}

/** The time from its to_json text: a JSON string unquoted, a bare number or boolean as written. */
export function timeFromJson(json: string | null): string {
  if (json === null) return "";
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
}

/** Parses one snapshot column; a problem is recorded (and null returned) instead of throwing. */
function parseSnapshot(
  label: string,
  text: string | null | undefined,
  kind: AuditMapping["kind"],
  problems: string[],
): unknown {
  if (text == null) return null;
  if (text.length > MAX_SNAPSHOT_CHARS) {
    problems.push(`${label} snapshot is ${(text.length / 1048576).toFixed(1)} MB; too large to show`);
    return null;
  }
  if (kind === "paper_trail" && text.startsWith("---")) {
    problems.push(`${label} is stored as YAML; pgdesk reads PaperTrail versions stored as JSON`);
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    problems.push(`${label} is not valid JSON`);
    return null;
  }
}

/** Turns one raw row of any layout into an event with redacted snapshots and a field diff. */
export function normalizeEvent(row: RawAuditRow, mapping: AuditMapping, redactor: Redactor): AuditEvent {
  const problems: string[] = [];

  const kind = actionKind(row.action ?? null);
  const time = timeFromJson(row.time);
  let before = parseSnapshot("before", row.before, mapping.kind, problems);
  let after = parseSnapshot("after", row.after, mapping.kind, problems);
  let changes = parseSnapshot("changes", row.changes, mapping.kind, problems);

  if (mapping.snapshotsIn) {
    const meta = parseSnapshot("metadata", row.snapshots, mapping.kind, problems) as Record<
      string,
      unknown
    > | null;
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
      ? {
          path: d.path,
          kind: d.kind,
          ...(d.from !== undefined ? { from: "••••••" } : {}),
          ...(d.to !== undefined ? { to: "••••••" } : {}),
        }
      : { ...d, from: redactor.redact(d.from), to: redactor.redact(d.to) },
  );

  return {
    cursor: encodeCursor({ time_key: time, id: row.id }),
    id: row.id,
    time,
    action: row.action ?? "",
    kind,
    entity: row.entity ?? null,
    entityId: row.entity_id ?? null,
    actor: row.actor ?? null,
    tenant: row.tenant ?? null,
    transaction: row.tx ?? null,
    before: redactor.redact(before) ?? null,
    after: redactor.redact(after) ?? null,
    changes: masked,
    problems,
  };
}

/** The 2ndQuadrant trigger stores changed fields as {field: newValue}. */
function toChangeSet(changes: unknown): Record<string, { to: unknown }> {
  if (!changes || typeof changes !== "object") return {};
  return Object.fromEntries(
    Object.entries(changes as Record<string, unknown>).map(([k, v]) => [k, { to: v }]),
  );
}
