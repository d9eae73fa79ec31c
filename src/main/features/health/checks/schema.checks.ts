import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../../db/sql";
import type { CheckDefinition } from "../check.types";
import { details, pct, statusAbove } from "../check.types";
import { invalidIndexes, notValidConstraints, sequences } from "../health-storage.sql";

const TYPE_MAX: Record<string, number> = { smallint: 32767, integer: 2147483647, bigint: 2 ** 63 - 1 };

interface SequenceRow {
  sequence: string;
  data_type: string;
  last_value: number;
  min_value: number;
  max_value: number;
  increment_by: number;
  column_type: string | null;
  owner: string | null;
}

/** The sequence's name and its column come quoted from the server (format %I, regclass). */
const widenToBigint = (r: SequenceRow) =>
  sql`ALTER SEQUENCE ${serverSql(r.sequence)} AS bigint;${r.owner ? sql` ALTER TABLE … ALTER COLUMN (${serverSql(r.owner)}) TYPE bigint;` : sql``}`;

/** How much of its usable range a sequence has used, bounded by its column's type too. */
export function sequenceUsedPct(r: SequenceRow): number {
  const colMax = r.column_type ? TYPE_MAX[r.column_type] : undefined;
  if (r.increment_by > 0) {
    const max = Math.min(r.max_value, colMax ?? Infinity);
    return ((r.last_value - r.min_value) / (max - r.min_value)) * 100;
  }
  const min = Math.max(r.min_value, colMax !== undefined ? -colMax - 1 : -Infinity);
  return ((r.max_value - r.last_value) / (r.max_value - min)) * 100;
}

export const sequencesCheck: CheckDefinition = {
  id: "sequences",
  title: "Sequences near their limit",
  async run({ query, thresholds: t }) {
    const rows = (await query<SequenceRow>(sequences))
      .map((r) => ({ ...r, used: sequenceUsedPct(r) }))
      .sort((a, b) => b.used - a.used);
    const hot = rows.filter((r) => r.used >= t.sequenceWarnPct);
    const top = rows[0];
    const status = top ? statusAbove(top.used, t.sequenceWarnPct, t.sequenceFailPct) : "pass";
    return {
      status,
      value: top ? `${top.sequence} at ${pct(top.used, 2)}` : "no sequence used yet",
      threshold: `warn ${t.sequenceWarnPct} %, fail ${t.sequenceFailPct} % of the type's range`,
      message: hot.length
        ? `${hot.length} sequences have used more than ${t.sequenceWarnPct} % of their range; inserts fail when one runs out.`
        : `${rows.length} sequences in use, all below ${t.sequenceWarnPct} % of their range.`,
      action: hot.length ? `Widen the column and the sequence to bigint, e.g. ${widenToBigint(hot[0]!)}` : "",
      details: details(
        ["sequence", "type", "column", "column type", "last value", "% used"],
        rows
          .slice(0, 20)
          .map((r) => [
            r.sequence,
            r.data_type,
            r.owner,
            r.column_type,
            r.last_value,
            Number(r.used.toFixed(2)),
          ]),
      ),
      metrics: { count: rows.length, overThreshold: hot.length, maxUsedPct: top?.used ?? 0 },
    };
  },
};

interface IndexRow {
  schema: string;
  index: string;
  table: string;
  definition: string;
}

export const invalidIndexesCheck: CheckDefinition = {
  id: "invalidIndexes",
  title: "Invalid indexes",
  async run({ query }) {
    const rows = await query<IndexRow>(invalidIndexes);
    return {
      status: rows.length ? "warn" : "pass",
      value: `${rows.length}`,
      threshold: "none",
      message: rows.length
        ? `${rows.length} indexes are invalid (a failed CREATE INDEX CONCURRENTLY leaves one behind): writes maintain them, queries never use them.`
        : "Every index is valid.",
      action: rows.length
        ? `${joinSql(
            rows.map((r) => sql`DROP INDEX CONCURRENTLY ${quoteQualified(r.schema, r.index)};`),
            sql` `,
          )} Then fix the cause and create it again (REINDEX INDEX CONCURRENTLY also rebuilds it).`
        : "",
      details: details(
        ["index", "table", "definition"],
        rows.map((r) => [`${r.schema}.${r.index}`, r.table, r.definition]),
      ),
      metrics: { count: rows.length },
    };
  },
};

interface ConstraintRow {
  schema: string;
  table: string;
  constraint: string;
  definition: string;
  type: string;
  /** false: NOT ENFORCED (PostgreSQL 18), never checked on purpose, so never "validated" either. */
  enforced: boolean;
}

/**
 * The statement that makes the constraint hold: VALIDATE for a NOT VALID one; for a NOT
 * ENFORCED foreign key ALTER CONSTRAINT … ENFORCED; a NOT ENFORCED CHECK cannot be altered
 * (PostgreSQL 18 refuses), so it is dropped and added back enforced in one statement.
 */
export function constraintFix(r: ConstraintRow): Sql {
  const table = quoteQualified(r.schema, r.table);
  const name = quoteIdent(r.constraint);
  if (r.enforced) return sql`ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`;
  if (r.type === "f") return sql`ALTER TABLE ${table} ALTER CONSTRAINT ${name} ENFORCED;`;
  const enforcedDef = serverSql(r.definition.replace(/ NOT ENFORCED$/, ""));
  return sql`ALTER TABLE ${table} DROP CONSTRAINT ${name}, ADD CONSTRAINT ${name} ${enforcedDef};`;
}

function constraintMessage(rows: ConstraintRow[]): string {
  const notValid = rows.filter((r) => r.enforced).length;
  const notEnforced = rows.length - notValid;
  const parts = [
    ...(notValid
      ? [`${notValid} constraints were added NOT VALID and never validated: existing rows may break them.`]
      : []),
    ...(notEnforced
      ? [`${notEnforced} constraints are NOT ENFORCED: PostgreSQL checks no row against them.`]
      : []),
  ];
  return parts.length ? parts.join(" ") : "Every constraint is validated.";
}

export const notValidConstraintsCheck: CheckDefinition = {
  id: "notValidConstraints",
  title: "Constraints not validated",
  async run({ query }) {
    const rows = await query<ConstraintRow>(notValidConstraints);
    return {
      status: rows.length ? "warn" : "pass",
      value: `${rows.length}`,
      threshold: "none",
      message: constraintMessage(rows),
      action: rows.length ? joinSql(rows.slice(0, 5).map(constraintFix), sql` `) : "",
      details: details(
        ["table", "constraint", "definition"],
        rows.map((r) => [`${r.schema}.${r.table}`, r.constraint, r.definition]),
      ),
      metrics: { count: rows.length },
    };
  },
};
