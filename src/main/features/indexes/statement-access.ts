/**
 * Reads which columns a statement filters and sorts on, from the libpg-query parse
 * tree (src/main/db/sql-parser.ts). Only what an index can serve is kept: AND-ed
 * comparisons of a column with a value (constant, $n parameter or a column-free
 * expression), IN lists, IS NULL, LIKE/ILIKE, full-text @@, and ORDER BY columns.
 */

type Node = Record<string, unknown>;

export type PredicateOp = "eq" | "range" | "null" | "like-prefix" | "like-any" | "fts";

export interface ColumnUse {
  /** Table alias or name written before the column, if any. */
  qualifier?: string;
  column: string;
}

export interface Predicate extends ColumnUse {
  op: PredicateOp;
  /** For fts on to_tsvector('<config>', col): the constant text search configuration. */
  ftsConfig?: string;
}

export interface RelationRef {
  schema?: string;
  name: string;
  alias?: string;
}

/** One query level (a SELECT, UPDATE or DELETE) with the relations its FROM brings into scope. */
export interface AccessScope {
  relations: RelationRef[];
  predicates: Predicate[];
  orderBy: ColumnUse[];
}

const RANGE_OPS = new Set(["<", ">", "<=", ">="]);

/** Every query level of one statement's tree (as ParsedStatement.tree holds it). */
export function statementScopes(tree: Node): AccessScope[] {
  const scopes: AccessScope[] = [];
  visitStatement(tree, scopes);
  return scopes;
}

function visitStatement(wrapper: Node, scopes: AccessScope[]): void {
  const node = Object.keys(wrapper)[0];
  if (!node) return;
  const body = wrapper[node] as Node;
  if (node === "SelectStmt") visitSelect(body, scopes);
  else if (node === "UpdateStmt" || node === "DeleteStmt") {
    visitWith(body, scopes);
    const scope: AccessScope = { relations: [], predicates: [], orderBy: [] };
    const rel = rangeVar(body.relation as Node | undefined);
    if (rel) scope.relations.push(rel);
    for (const item of (body.fromClause ?? body.usingClause ?? []) as Node[])
      collectFrom(item, scope, scopes);
    collectPredicates(body.whereClause as Node | undefined, scope);
    scopes.push(scope);
  } else if (node === "ExplainStmt") visitStatement(body.query as Node, scopes);
}

function visitWith(body: Node, scopes: AccessScope[]): void {
  const ctes = ((body.withClause as Node | undefined)?.ctes ?? []) as Node[];
  for (const cte of ctes) {
    const query = (cte.CommonTableExpr as Node | undefined)?.ctequery as Node | undefined;
    if (query) visitStatement(query, scopes);
  }
}

function visitSelect(body: Node, scopes: AccessScope[]): void {
  visitWith(body, scopes);
  if (body.larg || body.rarg) {
    if (body.larg) visitSelect(body.larg as Node, scopes);
    if (body.rarg) visitSelect(body.rarg as Node, scopes);
    return;
  }
  const scope: AccessScope = { relations: [], predicates: [], orderBy: [] };
  for (const item of (body.fromClause ?? []) as Node[]) collectFrom(item, scope, scopes);
  collectPredicates(body.whereClause as Node | undefined, scope);
  for (const sort of (body.sortClause ?? []) as Node[]) {
    const col = columnRef(((sort.SortBy as Node | undefined)?.node ?? {}) as Node);
    if (col) scope.orderBy.push(col);
  }
  // Subqueries in WHERE (EXISTS, IN (SELECT ...)) are query levels of their own.
  for (const sub of findSubLinks(body.whereClause)) visitStatement(sub, scopes);
  if (scope.relations.length > 0) scopes.push(scope);
}

function collectFrom(item: Node, scope: AccessScope, scopes: AccessScope[]): void {
  if (item.RangeVar) {
    const rel = rangeVar(item);
    if (rel) scope.relations.push(rel);
  } else if (item.JoinExpr) {
    const join = item.JoinExpr as Node;
    collectFrom(join.larg as Node, scope, scopes);
    collectFrom(join.rarg as Node, scope, scopes);
    // An inner join's ON conditions filter like WHERE does; outer joins' do not.
    if (join.jointype === "JOIN_INNER") collectPredicates(join.quals as Node | undefined, scope);
  } else if (item.RangeSubselect) {
    const sub = (item.RangeSubselect as Node).subquery as Node | undefined;
    if (sub) visitStatement(sub, scopes);
  }
}

function rangeVar(node: Node | undefined): RelationRef | undefined {
  const rv = (node?.RangeVar ?? node) as Node | undefined;
  if (!rv || typeof rv.relname !== "string") return undefined;
  const alias = (rv.alias as Node | undefined)?.aliasname;
  return {
    name: rv.relname,
    ...(typeof rv.schemaname === "string" ? { schema: rv.schemaname } : {}),
    ...(typeof alias === "string" ? { alias } : {}),
  };
}

function collectPredicates(expr: Node | undefined, scope: AccessScope): void {
  if (!expr) return;
  const bool = expr.BoolExpr as Node | undefined;
  if (bool) {
    // Only AND-ed conditions narrow the rows an index must find; OR/NOT branches are left out.
    if (bool.boolop === "AND_EXPR") for (const arg of bool.args as Node[]) collectPredicates(arg, scope);
    return;
  }
  const nullTest = expr.NullTest as Node | undefined;
  if (nullTest) {
    const col = columnRef(nullTest.arg as Node);
    if (col && nullTest.nulltesttype === "IS_NULL") scope.predicates.push({ ...col, op: "null" });
    return;
  }
  const a = expr.A_Expr as Node | undefined;
  if (!a) return;
  const op = (((a.name as Node[] | undefined)?.[0]?.String as Node | undefined)?.sval ?? "") as string;
  const kind = a.kind as string;
  const left = a.lexpr as Node | undefined;
  const right = a.rexpr as Node | undefined;
  if (op === "@@") {
    const fts = ftsSide(left) ?? ftsSide(right);
    if (fts)
      scope.predicates.push({ ...fts.column, op: "fts", ...(fts.config ? { ftsConfig: fts.config } : {}) });
    return;
  }
  // The column side must be the bare column: an index on it cannot serve col::text or lower(col).
  let col = left ? bareColumnRef(left) : undefined;
  let other = right;
  if (!col && right && kind === "AEXPR_OP" && !isList(right)) {
    col = bareColumnRef(right);
    other = left;
  }
  if (!col || !other || hasColumnRef(other)) return;
  if (kind === "AEXPR_IN" && op === "=") scope.predicates.push({ ...col, op: "eq" });
  else if (kind === "AEXPR_BETWEEN") scope.predicates.push({ ...col, op: "range" });
  else if (
    kind === "AEXPR_LIKE" ||
    kind === "AEXPR_ILIKE" ||
    (kind === "AEXPR_OP" && ["~~", "~~*"].includes(op))
  ) {
    const pattern = constString(other);
    const prefix = kind !== "AEXPR_ILIKE" && op !== "~~*" && pattern !== undefined && !/^[%_]/.test(pattern);
    scope.predicates.push({ ...col, op: prefix ? "like-prefix" : "like-any" });
  } else if (kind === "AEXPR_OP" && op === "=") scope.predicates.push({ ...col, op: "eq" });
  else if (kind === "AEXPR_OP" && RANGE_OPS.has(op)) scope.predicates.push({ ...col, op: "range" });
}

function isList(node: Node): boolean {
  return node.List !== undefined;
}

/** tsvector_column, or to_tsvector('<config>', column). */
function ftsSide(node: Node | undefined): { column: ColumnUse; config?: string } | undefined {
  if (!node) return undefined;
  const direct = columnRef(node);
  if (direct) return { column: direct };
  const fn = node.FuncCall as Node | undefined;
  if (!fn) return undefined;
  const name = (((fn.funcname as Node[]).at(-1)?.String as Node | undefined)?.sval ?? "") as string;
  if (name !== "to_tsvector") return undefined;
  const args = (fn.args ?? []) as Node[];
  if (args.length !== 2) return undefined;
  const config = constString(unwrapCast(args[0]!));
  const column = columnRef(args[1]!);
  if (!column || config === undefined) return undefined;
  return { column, config };
}

function unwrapCast(node: Node): Node {
  const cast = node.TypeCast as Node | undefined;
  return cast ? unwrapCast(cast.arg as Node) : node;
}

function constString(node: Node): string | undefined {
  const c = unwrapCast(node).A_Const as Node | undefined;
  const s = (c?.sval as Node | undefined)?.sval;
  return typeof s === "string" ? s : undefined;
}

function bareColumnRef(node: Node): ColumnUse | undefined {
  return node.ColumnRef ? columnRef(node) : undefined;
}

function columnRef(node: Node): ColumnUse | undefined {
  const ref = unwrapCast(node).ColumnRef as Node | undefined;
  if (!ref) return undefined;
  const parts = (ref.fields as Node[]).map((f) => (f.String as Node | undefined)?.sval);
  if (parts.some((p) => typeof p !== "string")) return undefined; // a.* and the like
  const names = parts as string[];
  const column = names.at(-1)!;
  return names.length >= 2 ? { qualifier: names.at(-2)!, column } : { column };
}

function hasColumnRef(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(hasColumnRef);
  const obj = node as Node;
  if (obj.ColumnRef) return true;
  if (obj.SubLink) return true; // correlated subqueries are not values an index lookup can use
  return Object.values(obj).some(hasColumnRef);
}

function findSubLinks(node: unknown, out: Node[] = []): Node[] {
  if (!node || typeof node !== "object") return out;
  if (Array.isArray(node)) {
    for (const n of node) findSubLinks(n, out);
    return out;
  }
  const obj = node as Node;
  const link = obj.SubLink as Node | undefined;
  if (link?.subselect) {
    out.push(link.subselect as Node);
    return out;
  }
  for (const v of Object.values(obj)) findSubLinks(v, out);
  return out;
}
