import type { CursorContext } from "./cursor-context";

const list = (s: string) => s.split("|");

const STATEMENT_START = list(
  "SELECT|WITH|INSERT INTO|UPDATE|DELETE FROM|MERGE INTO|EXPLAIN|EXPLAIN ANALYZE|CREATE|ALTER|DROP|TRUNCATE|BEGIN|COMMIT|ROLLBACK|SET|SHOW|GRANT|REVOKE|COPY|VACUUM|ANALYZE|TABLE|VALUES|CALL|DO|REINDEX|LOCK TABLE|COMMENT ON",
);
const AFTER_WORD: Record<string, string[]> = {
  create: list(
    "TABLE|INDEX|UNIQUE INDEX|INDEX CONCURRENTLY|VIEW|MATERIALIZED VIEW|OR REPLACE|SCHEMA|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER|TYPE|EXTENSION|ROLE|DATABASE|TEMP TABLE|UNLOGGED TABLE|POLICY|DOMAIN",
  ),
  drop: list(
    "TABLE|INDEX|INDEX CONCURRENTLY|VIEW|MATERIALIZED VIEW|SCHEMA|SEQUENCE|FUNCTION|PROCEDURE|TRIGGER|TYPE|EXTENSION|ROLE|DATABASE|IF EXISTS|POLICY|DOMAIN",
  ),
  alter: list(
    "TABLE|INDEX|VIEW|MATERIALIZED VIEW|SCHEMA|SEQUENCE|FUNCTION|TYPE|ROLE|DATABASE|SYSTEM|DEFAULT PRIVILEGES|EXTENSION|DOMAIN",
  ),
  group: ["BY"],
  order: ["BY"],
  partition: ["BY"],
  insert: ["INTO"],
  delete: ["FROM"],
  merge: ["INTO"],
  explain: list("ANALYZE|VERBOSE|(ANALYZE, BUFFERS)|SELECT|INSERT INTO|UPDATE|DELETE FROM"),
  begin: list("ISOLATION LEVEL|READ ONLY|READ WRITE|TRANSACTION"),
  is: list("NULL|NOT NULL|TRUE|FALSE|DISTINCT FROM|NOT DISTINCT FROM"),
  not: list("NULL|IN|LIKE|ILIKE|EXISTS|BETWEEN"),
  nulls: list("FIRST|LAST"),
  union: list("ALL|SELECT"),
  conflict: list("DO NOTHING|DO UPDATE SET|ON CONSTRAINT"),
};
const AFTER_ITEM_SELECT = list(
  "WHERE|JOIN|LEFT JOIN|INNER JOIN|RIGHT JOIN|FULL JOIN|CROSS JOIN|AS|GROUP BY|ORDER BY|LIMIT|OFFSET|HAVING|WINDOW|UNION|UNION ALL|FOR UPDATE",
);
const AFTER_OPERAND: Record<string, string[]> = {
  select: list("AS|FROM|INTO|WHERE|ORDER BY|LIMIT|UNION|AND|OR|IS NULL|IS NOT NULL|IN|LIKE|BETWEEN"),
  where: list(
    "AND|OR|IS NULL|IS NOT NULL|IN|NOT IN|LIKE|ILIKE|BETWEEN|GROUP BY|ORDER BY|LIMIT|RETURNING|FOR UPDATE",
  ),
  on: list("AND|OR|WHERE|JOIN|LEFT JOIN|INNER JOIN|GROUP BY|ORDER BY|LIMIT"),
  having: list("AND|OR|ORDER BY|LIMIT"),
  group: list("HAVING|ORDER BY|LIMIT"),
  order: list("ASC|DESC|NULLS FIRST|NULLS LAST|LIMIT|OFFSET"),
  limit: ["OFFSET"],
  set: list("FROM|WHERE|RETURNING"),
  returning: ["AS"],
  when: list("THEN|AND|OR"),
  then: list("WHEN|ELSE|END"),
  else: ["END"],
};
const EXPRESSION_START = list(
  "CASE|NOT|NULL|TRUE|FALSE|EXISTS|CAST|INTERVAL|ARRAY|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_USER",
);

/** Keywords that fit at the caret, most likely first. */
export function keywordsAt(c: CursorContext): string[] {
  const p = c.prev?.kind === "word" ? c.prev.name! : (c.prev?.text ?? "");
  if (c.kind === "statement-start") return STATEMENT_START;
  const after = AFTER_WORD[p];
  if (after && c.prev?.kind === "word") return after;
  if (c.kind === "after-from-item") return afterItem(c);
  if (c.kind !== "expression") return [];
  if (c.afterOperand) return AFTER_OPERAND[c.clause] ?? AFTER_OPERAND.where!;
  return c.clause === "select" && p === "select" ? ["DISTINCT", "*", ...EXPRESSION_START] : EXPRESSION_START;
}

function afterItem(c: CursorContext): string[] {
  switch (c.block.kind) {
    case "update":
      return c.clause === "update" ? ["SET", "AS"] : AFTER_OPERAND.where!;
    case "insert":
      return list("(|VALUES|SELECT|DEFAULT VALUES|OVERRIDING SYSTEM VALUE|AS");
    case "delete":
      return list("WHERE|USING|RETURNING|AS");
    case "merge":
      return c.clause === "using" ? ["ON", "AS"] : ["USING", "AS"];
    case "select":
    case "values":
    case "other":
      return c.clause === "join" ? ["ON", "USING", "AS", ...AFTER_ITEM_SELECT.slice(1)] : AFTER_ITEM_SELECT;
  }
}
