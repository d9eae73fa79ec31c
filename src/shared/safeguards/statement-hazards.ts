/**
 * What in a statement can destroy data at once, read from PostgreSQL's own parse tree
 * (libpg-query's JSON). Pure: main parses, this reads the tree.
 */
export type HazardKind = "delete-without-where" | "update-without-where" | "drop" | "truncate" | "alter-drop";

export interface Hazard {
  kind: HazardKind;
  /** In words, naming the object: "DELETE without WHERE on orders (every row)". */
  message: string;
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every hazard of one statement's tree (`{ DeleteStmt: {...} }`), outermost first. */
export function statementHazards(tree: Node): Hazard[] {
  const out: Hazard[] = [];
  visit(tree, out);
  return out;
}

/** Statements whose rows the plain EXPLAIN estimate is about: they write (also inside a WITH). */
export function writesRows(tree: Node): boolean {
  let found = false;
  walk(tree, (name) => {
    if (name === "InsertStmt" || name === "UpdateStmt" || name === "DeleteStmt" || name === "MergeStmt")
      found = true;
  });
  return found;
}

function visit(value: unknown, out: Hazard[]): void {
  walk(value, (name, body) => {
    const hazard = hazardOf(name, body);
    if (hazard) out.push(hazard);
  });
}

/**
 * Calls `fn` for every node of the tree. A plain EXPLAIN (no ANALYZE) only plans: what
 * it explains does not run, so its subtree is skipped.
 */
function walk(value: unknown, fn: (name: string, body: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, fn);
    return;
  }
  if (!isNode(value)) return;
  for (const [key, body] of Object.entries(value)) {
    if (/^[A-Z]/.test(key) && isNode(body)) {
      if (key === "ExplainStmt" && !explainAnalyzes(body)) continue;
      fn(key, body);
    }
    walk(body, fn);
  }
}

function explainAnalyzes(body: Node): boolean {
  const options = Array.isArray(body.options) ? body.options : [];
  return options.some((o) => {
    const def = isNode(o) && isNode(o.DefElem) ? o.DefElem : undefined;
    if (def?.defname !== "analyze") return false;
    // EXPLAIN (ANALYZE false) plans only
    return !/"(sval|boolval)":\s*(false|"(false|off|0)")/i.test(JSON.stringify(def.arg ?? {}));
  });
}

function hazardOf(name: string, body: Node): Hazard | undefined {
  switch (name) {
    case "DeleteStmt":
    case "UpdateStmt": {
      if (body.whereClause !== undefined) return undefined;
      const verb = name === "DeleteStmt" ? "DELETE" : "UPDATE";
      const kind = name === "DeleteStmt" ? "delete-without-where" : "update-without-where";
      return { kind, message: `${verb} without WHERE on ${rangeVarName(body.relation)} (every row)` };
    }
    case "TruncateStmt": {
      const names = (Array.isArray(body.relations) ? body.relations : []).map((r) =>
        rangeVarName(isNode(r) ? r.RangeVar : undefined),
      );
      return { kind: "truncate", message: `TRUNCATE ${names.join(", ")} (every row)` };
    }
    case "DropStmt":
      return { kind: "drop", message: dropMessage(body) };
    case "AlterTableStmt": {
      const drops = alterDrops(body);
      return drops.length > 0
        ? { kind: "alter-drop", message: `ALTER ${rangeVarName(body.relation)}: ${drops.join(", ")}` }
        : undefined;
    }
    default:
      // DROP DATABASE, DROP ROLE, DROP OWNED, DROP TABLESPACE, DROP SUBSCRIPTION, ...
      return /^Drop[A-Za-z]*Stmt$/.test(name)
        ? { kind: "drop", message: `${dropVerb(name)}${dropTarget(body)}` }
        : undefined;
  }
}

function rangeVarName(rv: unknown): string {
  if (!isNode(rv)) return "the table";
  const parts = [rv.catalogname, rv.schemaname, rv.relname].filter((p): p is string => typeof p === "string");
  return parts.join(".");
}

function dropMessage(body: Node): string {
  const type = typeof body.removeType === "string" ? body.removeType.replace(/^OBJECT_/, "") : "OBJECT";
  const objects = (Array.isArray(body.objects) ? body.objects : []).map(objectName);
  const cascade = body.behavior === "DROP_CASCADE" ? " CASCADE" : "";
  return `DROP ${type.replaceAll("_", " ")} ${objects.join(", ")}${cascade}`;
}

function objectName(o: unknown): string {
  if (!isNode(o)) return "?";
  const strings = (items: unknown): string[] =>
    (Array.isArray(items) ? items : []).flatMap((i) =>
      isNode(i) && isNode(i.String) && typeof i.String.sval === "string" ? [i.String.sval] : [],
    );
  if (isNode(o.String) && typeof o.String.sval === "string") return o.String.sval;
  if (isNode(o.List)) return strings(o.List.items).join(".");
  if (isNode(o.ObjectWithArgs)) return `${strings(o.ObjectWithArgs.objname).join(".")}(…)`;
  if (isNode(o.TypeName)) return strings(o.TypeName.names).join(".");
  return "?";
}

function dropVerb(name: string): string {
  const words = name
    .replace(/Stmt$/, "")
    .replace(/^Dropdb$/, "DropDatabase")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toUpperCase();
  return words;
}

function dropTarget(body: Node): string {
  const name = body.dbname ?? body.tablespacename ?? body.subname;
  if (typeof name === "string") return ` ${name}`;
  const roles = (Array.isArray(body.roles) ? body.roles : []).flatMap((r) =>
    isNode(r) && isNode(r.RoleSpec) && typeof r.RoleSpec.rolename === "string" ? [r.RoleSpec.rolename] : [],
  );
  return roles.length > 0 ? ` ${roles.join(", ")}` : "";
}

/** ALTER … DROP commands that lose no data: DROP NOT NULL, SET WITHOUT CLUSTER. */
const NOT_DESTRUCTIVE = new Set(["AT_DropNotNull", "AT_DropCluster"]);

/** The commands of an ALTER TABLE that drop something (a column, a constraint, an identity, ...). */
function alterDrops(body: Node): string[] {
  const cmds = Array.isArray(body.cmds) ? body.cmds : [];
  return cmds.flatMap((c) => {
    const cmd = isNode(c) && isNode(c.AlterTableCmd) ? c.AlterTableCmd : undefined;
    const subtype = typeof cmd?.subtype === "string" ? cmd.subtype : "";
    if (!subtype.startsWith("AT_Drop") || NOT_DESTRUCTIVE.has(subtype)) return [];
    const what = subtype
      .replace(/^AT_/, "")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toUpperCase();
    return [`${what}${typeof cmd?.name === "string" ? ` ${cmd.name}` : ""}`];
  });
}
