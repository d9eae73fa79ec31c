/** Field names masked in the UI and in exports, whatever the log stored. */
export const DEFAULT_REDACTED_FIELDS = ["passwordHash", "password", "token", "keyHash", "secret", "apiKey"];

export const MASK = "••••••";

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

/**
 * A redactor for the given field names: matching is case-insensitive and ignores
 * `_`/`-`, so `password_hash`, `PasswordHash` and `passwordHash` are all masked.
 */
export function createRedactor(fields: readonly string[]) {
  const names = new Set(fields.map(normalize));
  const isSecret = (key: string) => names.has(normalize(key));

  function redact(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redact);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSecret(k) && v !== null ? MASK : redact(v)]),
      );
    }
    return value;
  }

  /** True when a diff path's last field is a secret ("user.passwordHash", "tokens[0].token"). */
  function isSecretPath(path: string): boolean {
    const last = path.replace(/\[\d+\]$/g, "").split(".").pop() ?? path;
    return isSecret(last);
  }

  return { redact, isSecret, isSecretPath };
}

export type Redactor = ReturnType<typeof createRedactor>;
