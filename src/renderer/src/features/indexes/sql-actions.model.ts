/**
 * Every generated statement is shown and confirmed before it runs; a DROP loses an index
 * for good, so its buttons are red. Case and leading blanks do not hide one.
 */
export function isDestructive(sql: string): boolean {
  return /^\s*DROP\b/i.test(sql);
}

export const statementTone = (sql: string): "danger" | "primary" =>
  isDestructive(sql) ? "danger" : "primary";
