/** Field names masked in the UI and in exports, whatever the log stored. */
export const DEFAULT_REDACTED_FIELDS = ["passwordHash", "password", "token", "keyHash", "secret", "apiKey"];

export const MASK = "••••••";

/** Bounds the per-redactor memo of field names and diff paths seen (a log can hold any number of distinct keys). */
const MAX_MEMO = 10_000;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

/** A string → boolean memo that forgets everything when full (keys repeat on every event of a table). */
function memo(compute: (key: string) => boolean): (key: string) => boolean {
  const known = new Map<string, boolean>();
  return (key) => {
    let hit = known.get(key);
    if (hit === undefined) {
      hit = compute(key);
      if (known.size >= MAX_MEMO) known.clear();
      known.set(key, hit);
    }
    return hit;
  };
}

/**
 * A redactor for the given field names: matching is case-insensitive and ignores
 * `_`/`-`, so `password_hash`, `PasswordHash` and `passwordHash` are all masked.
 */
export function createRedactor(fields: readonly string[]) {
  const names = new Set(fields.map(normalize));
  // the same few field names come back on every event: normalize each once, not once per event
  const isSecret = memo((key) => names.has(normalize(key)));

  /** True when a secret field with a value is somewhere inside (most snapshots have none). */
  function hasSecret(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    if (Array.isArray(value)) return value.some(hasSecret);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if ((v !== null && isSecret(key)) || hasSecret(v)) return true;
    }
    return false;
  }

  function copyRedacted(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(copyRedacted);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          isSecret(k) && v !== null ? MASK : copyRedacted(v),
        ]),
      );
    }
    return value;
  }

  /** The value with secrets masked: a masked copy when it holds any, else the value itself (never mutated). */
  function redact(value: unknown): unknown {
    return hasSecret(value) ? copyRedacted(value) : value;
  }

  /** True when a diff path's last field is a secret ("user.passwordHash", "tokens[0].token"). */
  const isSecretPath = memo((path) =>
    isSecret(
      path
        .replace(/\[\d+\]$/g, "")
        .split(".")
        .pop() ?? path,
    ),
  );

  return { redact, isSecret, isSecretPath };
}

export type Redactor = ReturnType<typeof createRedactor>;
