import {
  constraintObject,
  indexAttachObject,
  indexObject,
  policyObject,
  replicaIdentityObject,
  ruleObject,
  sequenceObjects,
  statisticsObject,
  triggerObject,
} from "./attached.build";
import {
  defaultAclObject,
  eventTriggerObject,
  extensionObject,
  foreignDataObject,
  publicationObjects,
  schemaObject,
  subscriptionObject,
} from "./global.build";
import { catalogId, type DumpObject } from "./model";
import type { DumpCatalog } from "./catalog";
import {
  castObject,
  familyMembersObject,
  functionObject,
  opClassObject,
  opFamilyObject,
  operatorObject,
} from "./routines.build";
import { defaultObject, relationObject, type Row } from "./tables.build";
import { collationObject, textSearchObject, typeObjects } from "./types.build";

/** Groups rows by a numeric key, keeping their order. */
function groupBy(rows: Row[], key: string): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  for (const r of rows) {
    const list = out.get(r[key]);
    if (list) list.push(r);
    else out.set(r[key], [r]);
  }
  return out;
}

/** Every entry of the script, from the catalog parts; extension members left out. */
export function buildObjects(c: DumpCatalog): DumpObject[] {
  // an extension's objects come with it; an object internal to another (a multirange's
  // constructor, a range's casts) with that one: pg_dump leaves both out the same way
  const members = new Set(
    c.rows.depends
      .filter((d) => d.type === "e" || (d.type === "i" && (d.cls !== d.ref_cls || d.oid !== d.ref_oid)))
      .map((d) => catalogId(d.cls, d.oid)),
  );
  const own = (r: Row) => !members.has(catalogId(r.cls, r.oid));
  return [
    ...c.rows.schemas.filter(own).map(schemaObject),
    ...c.rows.extensions.map(extensionObject),
    ...c.rows.types.filter(own).flatMap(typeObjects),
    ...routineObjects(c, own),
    ...c.rows.collations.filter(own).map(collationObject),
    ...c.rows.textSearch.filter(own).map(textSearchObject),
    ...c.rows.foreignData.filter(own).map(foreignDataObject),
    ...relationObjects(c, own),
    ...c.rows.sequences.filter(own).flatMap(sequenceObjects),
    ...c.rows.statistics.filter(own).map(statisticsObject),
    ...c.rows.publications.flatMap(publicationObjects),
    ...c.rows.subscriptions.map(subscriptionObject),
    ...c.rows.eventTriggers.filter(own).map(eventTriggerObject),
    ...c.rows.defaultAcls.map(defaultAclObject),
  ];
}

function routineObjects(c: DumpCatalog, own: (r: Row) => boolean): DumpObject[] {
  const aggs = new Map(c.rows.aggregates.map((a) => [a.oid as number, a]));
  const classes = c.rows.opClasses.filter(own);
  return [
    ...c.rows.functions.filter(own).map((f) => functionObject(f, aggs.get(f.oid))),
    ...c.rows.operators.filter(own).map(operatorObject),
    ...c.rows.opFamilies.filter(own).flatMap((f) => {
      const classIds = classes.filter((k) => k.family === f.oid).map((k) => catalogId(k.cls, k.oid));
      const loose = familyMembersObject(f, c.rows.opMembers, classIds);
      return loose ? [opFamilyObject(f), loose] : [opFamilyObject(f)];
    }),
    ...classes.map((k) => opClassObject(k, c.rows.opMembers)),
    ...c.rows.casts.filter(own).map(castObject),
  ];
}

/** Relations and everything attached to them. */
function relationObjects(c: DumpCatalog, own: (r: Row) => boolean): DumpObject[] {
  const rels = c.rows.relations.filter(own);
  const byOid = new Map(rels.map((r) => [r.oid as number, r]));
  const columns = groupBy(c.rows.columns, "rel");
  const parents = groupBy(c.rows.inherits, "child");
  const identity = new Map(c.rows.identitySequences.map((s) => [`${s.rel}/${s.num}`, s]));
  const notNulls = notNullsByColumn(c.rows.constraints);
  const attrdefCls = 2604; // pg_attrdef's fixed oid
  const out: DumpObject[] = [];
  for (const r of rels) {
    const cols = columns.get(r.oid) ?? [];
    out.push(
      relationObject(r, {
        columns: cols,
        parents: parents.get(r.oid) ?? [],
        identity,
        notNull: notNulls.get(r.oid) ?? new Map(),
        version: c.version,
      }),
    );
    for (const col of cols)
      if (col.def !== null && col.def_oid !== null && !col.generated)
        out.push(defaultObject(r, col, attrdefCls));
  }
  const cloned = clonedKeys(c.rows.constraints, byOid, columns);
  const relEntries = new Map(
    out.filter((o) => o.kind !== "DEFAULT").map((o) => [Number(o.id.split("/")[1]), o]),
  );
  const constraintIds = new Map(c.rows.constraints.map((k) => [k.oid as number, catalogId(k.cls, k.oid)]));
  for (const k of c.rows.constraints) {
    const rel = byOid.get(k.rel);
    if (cloned.has(k.oid)) {
      // the partition gets it by being created after its parent's key
      relEntries.get(k.rel)?.deps.add(constraintIds.get(k.parent)!);
      continue;
    }
    const o = rel && constraintObject(k, rel);
    if (o) out.push(o);
  }
  const clonedIndexes = new Set(
    c.rows.constraints.filter((k) => cloned.has(k.oid)).map((k) => k.index as number),
  );
  out.push(...indexObjects(c, byOid, clonedIndexes));
  for (const t of c.rows.triggers) if (byOid.has(t.rel)) out.push(triggerObject(t, byOid.get(t.rel)!));
  for (const r of c.rows.rules) if (byOid.has(r.rel)) out.push(ruleObject(r, byOid.get(r.rel)!));
  for (const p of c.rows.policies) if (byOid.has(p.rel)) out.push(policyObject(p, byOid.get(p.rel)!));
  return out;
}

/** Indexes, their partition attachments, and REPLICA IDENTITY USING INDEX. */
function indexObjects(c: DumpCatalog, rels: Map<number, Row>, clonedIndexes: Set<number>): DumpObject[] {
  const out: DumpObject[] = [];
  const indexes = new Map(c.rows.indexes.map((i) => [i.oid as number, i]));
  const constraintOf = new Map(
    c.rows.constraints.filter((k) => ["p", "u", "x"].includes(k.type)).map((k) => [k.index as number, k]),
  );
  // an index that is a constraint's is known by the constraint's id
  const asEntry = (i: Row): Row => {
    const k = constraintOf.get(i.oid);
    return k ? { ...i, cls: k.cls, oid: k.oid } : i;
  };
  for (const i of c.rows.indexes) {
    const rel = rels.get(i.rel);
    if (!rel) continue;
    if (!i.of_constraint) out.push(indexObject(i, rel));
    const parent = i.parent !== null ? indexes.get(i.parent) : undefined;
    if (parent && rels.has(parent.rel) && !clonedIndexes.has(i.oid))
      out.push(indexAttachObject(asEntry(i), asEntry(parent)));
  }
  for (const rel of rels.values()) {
    if (rel.replident !== "i") continue;
    const index = c.rows.indexes.find((i) => i.rel === rel.oid && i.replident);
    if (index) out.push(replicaIdentityObject(rel, { ...asEntry(index), name: index.name }));
  }
  return out;
}

/** PostgreSQL 18 NOT NULL constraints by table and column number. */
function notNullsByColumn(constraints: Row[]): Map<number, Map<number, Row>> {
  const out = new Map<number, Map<number, Row>>();
  for (const k of constraints) {
    if (k.type !== "n") continue;
    let m = out.get(k.rel);
    if (!m) out.set(k.rel, (m = new Map()));
    m.set((k.keys as number[])[0]!, k);
  }
  return out;
}

const KEY_SUFFIX: Record<string, string> = { p: "pkey", u: "key", x: "excl" };

/**
 * A partition's key constraint that PostgreSQL made by cloning its parent's: it has the
 * name cloning gives (table_pkey, table_col_key, table_col_excl). Adding it to the
 * partition and attaching it instead would mark it NO INHERIT, unlike the source's, so
 * the partition is created after its parent's key and gets the clone, exactly.
 * Constraints the parent query orders come before their partitions' (lower oids first).
 */
function clonedKeys(constraints: Row[], rels: Map<number, Row>, columns: Map<number, Row[]>): Set<number> {
  const out = new Set<number>();
  const byOid = new Map(constraints.map((k) => [k.oid as number, k]));
  for (const k of constraints) {
    const suffix = KEY_SUFFIX[k.type];
    const rel = rels.get(k.rel);
    if (!suffix || !k.parent || !rel || !byOid.has(k.parent)) continue;
    const cols = (k.keys as number[]).map((n) => columns.get(k.rel)?.find((col) => col.num === n)?.name);
    const middle = k.type === "p" ? "" : `${cols.join("_")}_`;
    const expected = `${rel.name}_${middle}${suffix}`;
    if (k.name === expected && Buffer.byteLength(expected) < 63 && !k.no_inherit) out.add(k.oid);
  }
  return out;
}
