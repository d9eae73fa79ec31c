import type { z } from "zod";

/** Serializes a JSON column value (null stays SQL NULL). */
export function toJsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * Reads a JSON text column back through its contract schema. A value that no longer
 * parses or fits (a damaged file, a newer pgdesk's shape) becomes null and is named in
 * `problems`, so the caller can say so instead of passing it on.
 */
export function fromJsonColumn<S extends z.ZodType>(
  text: string | null,
  schema: S,
  what: string,
  problems: string[],
): z.output<S> | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    problems.push(`${what} could not be read back (${(err as Error).message}) and was reset`);
    return null;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push(`${what} did not have the expected shape and was reset`);
  return null;
}
