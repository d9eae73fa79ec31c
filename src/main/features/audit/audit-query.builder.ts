import { AppError } from "../../../shared/contract";
import type { AuditFilters, AuditMapping } from "../../../shared/contract/audit";
import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../db/sql";

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
function limitOf(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new AppError("VALIDATION", `Invalid page size ${limit}`, { field: "limit" });
  return limit;
}

/** Adds a parameter and returns its placeholder, cast when a type is given. */
function pushParam(values: unknown[], v: unknown, type?: Sql): Sql {
  values.push(v);
  return type ? sql`$${values.length}::${type}` : sql`$${values.length}`;
}

/** Type names come from format_type(); refuse anything that is not plainly a type name. */
function castTo(type: string): Sql {
  if (!/^[A-Za-z0-9_ ."(),[\]]+$/.test(type))
    throw new AppError("UNSUPPORTED", `Cannot compare with a column of type ${type}`);
  return serverSql(type);
}

const NULL_TEXT = sql`NULL::text`;

/** Every column the mapping names must still be in the table. */
function checkColumns(mapping: AuditMapping, types: ColumnTypes): void {
  const named = { ...mapping.columns, ...(mapping.snapshotsIn ? { snapshotsIn: mapping.snapshotsIn } : {}) };
  for (const [role, name] of Object.entries(named)) {
    if (name && !types.get(name)) {
      throw new AppError(
        "NOT_FOUND",
        `The mapping's ${role} column "${name}" is not in ${mapping.schema}.${mapping.table} (was it dropped?)`,
        { field: role },
      );
    }
  }
}

/** How one mapping's columns are read: quoted columns, their text forms, the layout-specific expressions. */
interface Columns {
  from: Sql;
  col(name: string): Sql;
  text(name: string | undefined): Sql;
  jsonText(name: string | undefined): Sql;
  timeCol: Sql;
  idCol: Sql;
  timeType: Sql;
  idType: Sql;
  entity: Sql | undefined;
  entityId: Sql | undefined;
  actor: Sql;
}

function readColumns(mapping: AuditMapping, types: ColumnTypes): Columns {
  const c = mapping.columns;
  const col = (name: string) => sql`t.${quoteIdent(name)}`;
  const text = (name: string | undefined) => (name ? sql`${col(name)}::text` : NULL_TEXT);
  const jsonText = (name: string | undefined) => {
    if (!name) return NULL_TEXT;
    return types.get(name) === "hstore" ? sql`hstore_to_json(${col(name)})::text` : sql`${col(name)}::text`;
  };
  const entity = c.entity
    ? c.entitySchema
      ? sql`(${col(c.entitySchema)}::text || '.' || ${col(c.entity)}::text)`
      : sql`${col(c.entity)}::text`
    : undefined;
  const entityId =
    mapping.kind === "supa_audit"
      ? sql`coalesce(t."record_id", t."old_record_id")::text`
      : mapping.kind === "audit_trigger" && !c.entityId
        ? sql`(t."row_data" -> 'id')`
        : c.entityId
          ? text(c.entityId)
          : undefined;
  const bemiActor = (a: Sql) =>
    sql`coalesce(${a} ->> 'userId', ${a} ->> 'user_id', ${a} ->> 'actorId', ${a} ->> 'user')`;
  return {
    from: sql`${quoteQualified(mapping.schema, mapping.table)} AS t`,
    col,
    text,
    jsonText,
    timeCol: col(c.time),
    idCol: col(c.id),
    timeType: castTo(types.get(c.time)!),
    idType: castTo(types.get(c.id)!),
    entity,
    entityId,
    actor: mapping.kind === "bemi" && c.actor ? bemiActor(col(c.actor)) : text(c.actor),
  };
}

/**
 * The SELECT list of the normalized row. to_json gives ISO 8601 whatever the session's
 * DateStyle; its text is unquoted in TS (cheaper than #>> on every row) and doubles as the
 * keyset key, since the time types read ISO back exactly.
 */
function selectEvents(mapping: AuditMapping, x: Columns): Sql {
  const c = mapping.columns;
  const selected: Array<[Sql, Sql | undefined | false | ""]> = [
    [sql`action`, c.action && x.text(c.action)],
    [sql`entity`, x.entity],
    [sql`entity_id`, x.entityId],
    [sql`actor`, c.actor && x.actor],
    [sql`tenant`, c.tenant && x.text(c.tenant)],
    [sql`tx`, c.transaction && x.text(c.transaction)],
    [sql`before`, c.before && x.jsonText(c.before)],
    [sql`after`, c.after && x.jsonText(c.after)],
    [sql`changes`, c.changes && x.jsonText(c.changes)],
    [sql`snapshots`, mapping.snapshotsIn && x.jsonText(mapping.snapshotsIn)],
  ];
  const extra = selected.flatMap(([alias, expr]) => (expr ? [sql`, ${expr} AS ${alias}`] : []));
  return sql`
    SELECT ${x.idCol}::text AS id, to_json(${x.timeCol})::text AS time${joinSql(extra, sql``)}
    FROM ${x.from}`;
}

/** The WHERE conditions being built; `equal` collects plain column equalities, or becomes null when any other filter is there. */
interface Conditions {
  conds: Sql[];
  values: unknown[];
  plan: { equal: string[] | null };
}

function conditions(values: unknown[], plan: Conditions["plan"] = { equal: null }): Conditions {
  return { conds: [], values, plan };
}

function whereEqual(w: Conditions, x: Columns, types: ColumnTypes, name: string, v: unknown): void {
  w.plan.equal?.push(name);
  w.conds.push(sql`${x.col(name)} = ${pushParam(w.values, v, castTo(types.get(name)!))}`);
}

/** Another filter than a plain equality: a cached plan may be wrong for a rare value. */
function wherePlanUnsafe(w: Conditions, cond: Sql): void {
  w.plan.equal = null;
  w.conds.push(cond);
}

/** expr = value as text; names people type match whatever the letter case unless the filter is exact. */
function sameText(w: Conditions, expr: Sql, v: unknown, exact: boolean | undefined): Sql {
  const p = pushParam(w.values, v, sql`text`);
  return exact ? sql`${expr} = ${p}` : sql`lower(${expr}) = lower(${p})`;
}

/** A name column: a plain equality when exact (an index can serve it), else folded. */
function whereName(w: Conditions, x: Columns, types: ColumnTypes, name: string, v: unknown, exact?: boolean) {
  if (exact) whereEqual(w, x, types, name, v);
  else wherePlanUnsafe(w, sameText(w, sql`${x.col(name)}::text`, v, false));
}

function whereEntity(
  w: Conditions,
  mapping: AuditMapping,
  x: Columns,
  types: ColumnTypes,
  filters: AuditFilters,
) {
  const c = mapping.columns;
  if (filters.entity !== undefined) {
    if (!c.entity) throw new AppError("UNSUPPORTED", "This mapping has no entity column");
    const dot = filters.entity.indexOf(".");
    if (c.entitySchema && dot > 0) {
      whereName(w, x, types, c.entitySchema, filters.entity.slice(0, dot), filters.exact);
      whereName(w, x, types, c.entity, filters.entity.slice(dot + 1), filters.exact);
    } else {
      whereName(w, x, types, c.entity, filters.entity, filters.exact);
    }
  }
  if (filters.entityId === undefined) return;
  if (mapping.kind === "supa_audit") {
    const p = pushParam(w.values, filters.entityId, sql`uuid`);
    wherePlanUnsafe(w, sql`(t."record_id" = ${p} OR t."old_record_id" = ${p})`);
  } else if (c.entityId) {
    whereEqual(w, x, types, c.entityId, filters.entityId);
  } else if (mapping.kind === "audit_trigger") {
    wherePlanUnsafe(w, sql`(t."row_data" -> 'id') = ${pushParam(w.values, filters.entityId, sql`text`)}`);
  } else {
    throw new AppError("UNSUPPORTED", "This mapping has no entity id column");
  }
}

/** Text search in the snapshots: ILIKE (LIKE when exact) with the pattern's own wildcards escaped. */
function whereText(w: Conditions, mapping: AuditMapping, x: Columns, text: string, exact?: boolean): void {
  const c = mapping.columns;
  const snapshotCols = [c.before, c.after, c.changes, mapping.snapshotsIn].filter((s): s is string =>
    Boolean(s),
  );
  if (!snapshotCols.length) return;
  const p = pushParam(w.values, `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, sql`text`);
  const matches = snapshotCols.map((s) =>
    exact ? sql`${x.jsonText(s)} LIKE ${p}` : sql`${x.jsonText(s)} ILIKE ${p}`,
  );
  wherePlanUnsafe(w, sql`(${joinSql(matches, sql` OR `)})`);
}

function where(w: Conditions, mapping: AuditMapping, x: Columns, types: ColumnTypes, filters: AuditFilters) {
  const c = mapping.columns;
  whereEntity(w, mapping, x, types, filters);
  if (filters.actor !== undefined) wherePlanUnsafe(w, sameText(w, x.actor, filters.actor, filters.exact));
  if (filters.action !== undefined && c.action)
    wherePlanUnsafe(w, sameText(w, sql`${x.col(c.action)}::text`, filters.action, filters.exact));
  if (filters.tenant !== undefined && c.tenant) whereEqual(w, x, types, c.tenant, filters.tenant);
  if (filters.from !== undefined)
    w.conds.push(sql`${x.timeCol} >= ${pushParam(w.values, filters.from, x.timeType)}`);
  if (filters.to !== undefined)
    w.conds.push(sql`${x.timeCol} < ${pushParam(w.values, filters.to, x.timeType)}`);
  if (filters.text !== undefined) whereText(w, mapping, x, filters.text, filters.exact);
  return w;
}

const whereClause = (conds: Sql[]) => (conds.length ? sql`WHERE ${joinSql(conds, sql` AND `)}` : sql``);

function planSafe(w: Conditions, mapping: AuditMapping): Pick<BuiltQuery, "planSafeWith"> {
  return w.plan.equal ? { planSafeWith: { equal: w.plan.equal, order: mapping.columns.time } } : {};
}

/**
 * Builds the SQL that reads any mapped audit table as normalized events. Identifiers
 * are quoted, values are parameters; the few layout-specific expressions are constants.
 */
export function auditQueries(mapping: AuditMapping, types: ColumnTypes) {
  checkColumns(mapping, types);
  const x = readColumns(mapping, types);
  const select = selectEvents(mapping, x);
  const filtered = (filters: AuditFilters, values: unknown[], plan?: Conditions["plan"]) =>
    where(conditions(values, plan), mapping, x, types, filters);
  return {
    /** Newest first; `after` = [time_key, id] of the last row of the previous page. */
    browse(filters: AuditFilters, after: [string, string] | undefined, limit: number): BuiltQuery {
      const w = filtered(filters, [], { equal: [] });
      if (after) {
        const [time, id] = [
          pushParam(w.values, after[0], x.timeType),
          pushParam(w.values, after[1], x.idType),
        ];
        w.conds.push(sql`(${x.timeCol}, ${x.idCol}) < (${time}, ${id})`);
      }
      return {
        text: sql`${select} ${whereClause(w.conds)} ORDER BY ${x.timeCol} DESC, ${x.idCol} DESC LIMIT ${limitOf(limit)}`,
        values: w.values,
        ...planSafe(w, mapping),
      };
    },
    /** One entity's events, oldest first. */
    timeline(entity: string, entityId: string, limit: number): BuiltQuery {
      const w = filtered({ entity, entityId, exact: true }, [], { equal: [] });
      return {
        text: sql`${select} ${whereClause(w.conds)} ORDER BY ${x.timeCol} ASC, ${x.idCol} ASC LIMIT ${limitOf(limit)}`,
        values: w.values,
        ...planSafe(w, mapping),
      };
    },
    /** Top keys of one dimension over the filtered range. */
    counts(filters: AuditFilters, dimension: "action" | "entity" | "actor"): BuiltQuery {
      const w = filtered(filters, []);
      const key =
        dimension === "action"
          ? x.text(mapping.columns.action)
          : dimension === "entity"
            ? (x.entity ?? NULL_TEXT)
            : x.actor;
      return {
        text: sql`SELECT coalesce(${key}, '(none)') AS key, count(*)::float8 AS count FROM ${x.from}
               ${whereClause(w.conds)} GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
        values: w.values,
      };
    },
  };
}
