/** Fields never written to the audit log in clear (catalog section 13). */
export const SENSITIVE_FIELDS = new Set(["passwordHash", "token", "keyHash", "secret"]);
export const REDACTED = "[REDACTED]";

/** Fields that change on every write and say nothing about what the user did. */
const NOISE_FIELDS = new Set(["updatedAt", "createdAt"]);

type Plain = Record<string, unknown>;

/** A JSON-safe copy of a row: Decimal and Date become strings. */
export function toPlain(row: unknown): Plain | undefined {
  if (row === null || row === undefined || typeof row !== "object") return undefined;
  return JSON.parse(JSON.stringify(row)) as Plain;
}

/** A JSON-safe copy of a row with secrets masked, at any depth. */
export function snapshot(row: unknown): Plain | undefined {
  const plain = toPlain(row);
  return plain && (redact(plain) as Plain);
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  const out: Plain = {};
  for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_FIELDS.has(k) ? REDACTED : redact(v);
  return out;
}

/**
 * Field-level changes between two plain (unmasked) rows. A changed secret is listed,
 * so the timeline shows that a password changed, but both sides stay masked.
 */
export function changedFields(
  before: Plain | undefined,
  after: Plain | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (NOISE_FIELDS.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = SENSITIVE_FIELDS.has(key)
      ? { from: REDACTED, to: REDACTED }
      : { from: redact(from), to: redact(to) };
  }
  return changes;
}
