import { AppError } from "../../../shared/contract";
import type { AuditFilters, AuditMapping } from "../../../shared/contract/audit";
import { quoteIdent } from "../../db/sql";

export interface ColumnTypes {
  get(name: string): string | undefined;
}

export interface BuiltQuery {
  text: string;
  values: unknown[];
  /**
   * Columns an index must start with (equality columns in any order, then the time) for
   * the best plan to be the same whatever the values, so a cached plan is safe. Absent
   * when a filter (actor, action, text) could want a different plan for a rare value.
   */
  planSafeWith?: { equal: string[]; order: string };
}

/**
 * The normalized row every layout is read into (snapshots as text, parsed in TS). Columns the
 * mapping does not have are not selected at all (undefined), so a page carries no NULL columns.
 */
export interface RawAuditRow {
  id: string;
  /** The time as the server's JSON text: `"2025-01-01T00:00:01.5"` (ISO 8601), or a bare number. */
  time: string;
  action?: string | null;
  entity?: string | null;
  entity_id?: string | null;
  actor?: string | null;
  tenant?: string | null;
  tx?: string | null;
  before?: string | null;
  after?: string | null;
  changes?: string | null;
  snapshots?: string | null;
}

/** A LIMIT written into the text (not a parameter), so a cached plan is costed for the real page size. */
function limitOf(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new AppError("VALIDATION", `Invalid page size ${limit}`, { field: "limit" });
  return String(limit);
}

/** Adds a parameter and returns its placeholder, cast when a type is given. */
function pushParam(values: unknown[], v: unknown, type?: string): string {
  values.push(v);
  return type ? `$${values.length}::${type}` : `$${values.length}`;
}

/** Type names come from format_type(); refuse anything that is not plainly a type name. */
function castTo(type: string): string {
  if (!/^[A-Za-z0-9_ ."(),[\]]+$/.test(type))
    throw new AppError("UNSUPPORTED", `Cannot compare with a column of type ${type}`);
  return type;
}

/**
 * Builds the SQL that reads any mapped audit table as normalized events. Identifiers
 * are quoted, values are parameters; the few layout-specific expressions are constants.
 */
export function auditQueries(mapping: AuditMapping, types: ColumnTypes) {
  const c = mapping.columns;
  for (const [role, name] of Object.entries({
    ...c,
    ...(mapping.snapshotsIn ? { snapshotsIn: mapping.snapshotsIn } : {}),
  })) {
    if (name && !types.get(name)) {
      throw new AppError(
        "NOT_FOUND",
        `The mapping's ${role} column "${name}" is not in ${mapping.schema}.${mapping.table} (was it dropped?)`,
        { field: role },
      );
    }
  }
  const from = `${quoteIdent(mapping.schema)}.${quoteIdent(mapping.table)} AS t`;
  const col = (name: string) => `t.${quoteIdent(name)}`;
  const text = (name: string | undefined) => (name ? `${col(name)}::text` : "NULL::text");
  const jsonText = (name: string | undefined) => {
    if (!name) return "NULL::text";
    return types.get(name) === "hstore" ? `hstore_to_json(${col(name)})::text` : `${col(name)}::text`;
  };
  const timeCol = col(c.time);
  const idCol = col(c.id);
  const idType = castTo(types.get(c.id)!);
  const timeType = castTo(types.get(c.time)!);

  const entityExpr = c.entity
    ? c.entitySchema
      ? `(${col(c.entitySchema)}::text || '.' || ${col(c.entity)}::text)`
      : `${col(c.entity)}::text`
    : "NULL::text";
  const entityIdExpr =
    mapping.kind === "supa_audit"
      ? `coalesce(t."record_id", t."old_record_id")::text`
      : mapping.kind === "audit_trigger" && !c.entityId
        ? `(t."row_data" -> 'id')`
        : text(c.entityId);
  const actorExpr =
    mapping.kind === "bemi" && c.actor
      ? `coalesce(${col(c.actor)} ->> 'userId', ${col(c.actor)} ->> 'user_id', ${col(c.actor)} ->> 'actorId', ${col(c.actor)} ->> 'user')`
      : text(c.actor);

  // to_json gives ISO 8601 whatever the session's DateStyle; its text is unquoted in TS (cheaper
  // than #>> on every row) and doubles as the keyset key, since the time types read ISO back exactly
  const selected: Array<[string, string | undefined | false]> = [
    ["action", c.action && text(c.action)],
    ["entity", c.entity && entityExpr],
    ["entity_id", entityIdExpr !== "NULL::text" && entityIdExpr],
    ["actor", c.actor && actorExpr],
    ["tenant", c.tenant && text(c.tenant)],
    ["tx", c.transaction && text(c.transaction)],
    ["before", c.before && jsonText(c.before)],
    ["after", c.after && jsonText(c.after)],
    ["changes", c.changes && jsonText(c.changes)],
    ["snapshots", mapping.snapshotsIn && jsonText(mapping.snapshotsIn)],
  ];
  const select = `
    SELECT ${idCol}::text AS id, to_json(${timeCol})::text AS time${selected.map(([alias, expr]) => (expr ? `, ${expr} AS ${alias}` : "")).join("")}
    FROM ${from}`;

  /** The WHERE conditions; `equal` collects plain column equalities, or becomes null when any other filter is there. */
  function where(
    filters: AuditFilters,
    values: unknown[],
    plan: { equal: string[] | null } = { equal: null },
  ): string[] {
    const conds: string[] = [];
    const param = (v: unknown, type?: string) => pushParam(values, v, type);
    const equal = (name: string, v: unknown) => {
      plan.equal?.push(name);
      conds.push(`${col(name)} = ${param(v, castTo(types.get(name)!))}`);
    };
    const unsafe = () => (plan.equal = null);
    if (filters.entity !== undefined) {
      if (!c.entity) throw new AppError("UNSUPPORTED", "This mapping has no entity column");
      const dot = filters.entity.indexOf(".");
      if (c.entitySchema && dot > 0) {
        equal(c.entitySchema, filters.entity.slice(0, dot));
        equal(c.entity, filters.entity.slice(dot + 1));
      } else {
        equal(c.entity, filters.entity);
      }
    }
    if (filters.entityId !== undefined) {
      if (mapping.kind === "supa_audit") {
        unsafe();
        const p = param(filters.entityId, "uuid");
        conds.push(`(t."record_id" = ${p} OR t."old_record_id" = ${p})`);
      } else if (c.entityId) {
        equal(c.entityId, filters.entityId);
      } else if (mapping.kind === "audit_trigger") {
        unsafe();
        conds.push(`(t."row_data" -> 'id') = ${param(filters.entityId, "text")}`);
      } else {
        throw new AppError("UNSUPPORTED", "This mapping has no entity id column");
      }
    }
    if (filters.actor !== undefined) {
      unsafe();
      conds.push(`${actorExpr} = ${param(filters.actor, "text")}`);
    }
    if (filters.action !== undefined && c.action) {
      unsafe();
      conds.push(`${col(c.action)}::text = ${param(filters.action, "text")}`);
    }
    if (filters.tenant !== undefined && c.tenant) equal(c.tenant, filters.tenant);
    if (filters.from !== undefined) conds.push(`${timeCol} >= ${param(filters.from, timeType)}`);
    if (filters.to !== undefined) conds.push(`${timeCol} < ${param(filters.to, timeType)}`);
    if (filters.text !== undefined) {
      const snapshotCols = [c.before, c.after, c.changes, mapping.snapshotsIn].filter((x): x is string =>
        Boolean(x),
      );
      if (snapshotCols.length) {
        unsafe();
        const p = param(`%${filters.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, "text");
        conds.push(`(${snapshotCols.map((s) => `${jsonText(s)} ILIKE ${p}`).join(" OR ")})`);
      }
    }
    return conds;
  }

  return {
    /** Newest first; `after` = [time_key, id] of the last row of the previous page. */
    browse(filters: AuditFilters, after: [string, string] | undefined, limit: number): BuiltQuery {
      const values: unknown[] = [];
      const plan = { equal: [] as string[] | null };
      const conds = where(filters, values, plan);
      if (after) {
        values.push(after[0], after[1]);
        conds.push(
          `(${timeCol}, ${idCol}) < ($${values.length - 1}::${timeType}, $${values.length}::${idType})`,
        );
      }
      return {
        text: `${select} ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} ORDER BY ${timeCol} DESC, ${idCol} DESC LIMIT ${limitOf(limit)}`,
        values,
        ...(plan.equal ? { planSafeWith: { equal: plan.equal, order: c.time } } : {}),
      };
    },
    /** One entity's events, oldest first. */
    timeline(entity: string, entityId: string, limit: number): BuiltQuery {
      const values: unknown[] = [];
      const plan = { equal: [] as string[] | null };
      const conds = where({ entity, entityId }, values, plan);
      return {
        text: `${select} WHERE ${conds.join(" AND ")} ORDER BY ${timeCol} ASC, ${idCol} ASC LIMIT ${limitOf(limit)}`,
        values,
        ...(plan.equal ? { planSafeWith: { equal: plan.equal, order: c.time } } : {}),
      };
    },
    /** Top keys of one dimension over the filtered range. */
    counts(filters: AuditFilters, dimension: "action" | "entity" | "actor"): BuiltQuery {
      const values: unknown[] = [];
      const conds = where(filters, values);
      const key = dimension === "action" ? text(c.action) : dimension === "entity" ? entityExpr : actorExpr;
      return {
        text: `SELECT coalesce(${key}, '(none)') AS key, count(*)::float8 AS count FROM ${from}
               ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
        values,
      };
    },
  };
}
