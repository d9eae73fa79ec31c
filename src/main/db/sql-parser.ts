import { parse } from "libpg-query";
import { AppError } from "../../shared/contract";

/** What a statement does, as far as the parser can tell without running it. */
export type StatementKind =
  | "read" // SELECT, SHOW, TABLE, VALUES, EXPLAIN without ANALYZE
  | "write" // INSERT, UPDATE, DELETE, MERGE, COPY FROM, SELECT INTO/FOR UPDATE, data-modifying CTEs
  | "ddl" // anything that changes objects, privileges or settings of the database
  | "transaction" // BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ...
  | "session"; // SET, RESET, DISCARD, LISTEN, ...

export interface ParsedStatement {
  /** The statement's own text, without the separating semicolon. */
  text: string;
  /** Offsets in characters (UTF-16 code units) in the input, end exclusive. */
  start: number;
  end: number;
  /** The parse-tree node name, e.g. "SelectStmt". */
  node: string;
  kind: StatementKind;
  /** DELETE/UPDATE without WHERE, DROP, TRUNCATE: ask even when writes are allowed. */
  destructive: boolean;
  /** The raw parse tree of the statement. */
  tree: Record<string, unknown>;
}

const READ_NODES = new Set([
  "SelectStmt",
  "VariableShowStmt",
  "FetchStmt",
  "ClosePortalStmt",
  "DeclareCursorStmt",
  "CheckPointStmt",
]);
const WRITE_NODES = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);
const SESSION_NODES = new Set([
  "VariableSetStmt",
  "DiscardStmt",
  "ListenStmt",
  "UnlistenStmt",
  "NotifyStmt",
  "PrepareStmt",
  "ExecuteStmt",
  "DeallocateStmt",
  "LoadStmt",
]);

/** Splits and classifies SQL with PostgreSQL's own parser (libpg-query). */
export async function parseStatements(sqlText: string): Promise<ParsedStatement[]> {
  let result: {
    stmts?: Array<{ stmt?: Record<string, unknown>; stmt_location?: number; stmt_len?: number }>;
  };
  try {
    result = await parse(sqlText);
  } catch (err) {
    const details = (err as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const bytePos = details?.cursorPosition;
    throw new AppError("VALIDATION", (err as Error).message, {
      ...(bytePos !== undefined ? { position: byteToCharOffset(sqlText, bytePos) + 1 } : {}),
    });
  }
  const bytes = Buffer.from(sqlText, "utf8");
  const out: ParsedStatement[] = [];
  for (const raw of result.stmts ?? []) {
    const byteStart = raw.stmt_location ?? 0;
    const byteEnd = raw.stmt_len ? byteStart + raw.stmt_len : bytes.length;
    const slice = bytes.subarray(byteStart, byteEnd).toString("utf8");
    const lead = slice.length - slice.trimStart().length;
    const start = byteToCharOffset(sqlText, byteStart) + lead;
    const text = slice.trim();
    const tree = raw.stmt ?? {};
    const node = Object.keys(tree)[0] ?? "Unknown";
    const body = (tree[node] ?? {}) as Record<string, unknown>;
    out.push({ text, start, end: start + text.length, node, tree, ...classifyNode(node, body) });
  }
  return out;
}

function classifyNode(
  node: string,
  body: Record<string, unknown>,
): { kind: StatementKind; destructive: boolean } {
  if (node === "TransactionStmt") return { kind: "transaction", destructive: false };
  if (SESSION_NODES.has(node)) return { kind: "session", destructive: false };
  if (node === "ExplainStmt") {
    const analyze = ((body.options as unknown[]) ?? []).some((o) => JSON.stringify(o).includes('"analyze"'));
    const inner = (body.query ?? {}) as Record<string, unknown>;
    const innerNode = Object.keys(inner)[0] ?? "";
    return analyze
      ? classifyNode(innerNode, (inner[innerNode] ?? {}) as Record<string, unknown>)
      : { kind: "read", destructive: false };
  }
  if (node === "CopyStmt") return { kind: body.is_from ? "write" : "read", destructive: false };
  if (READ_NODES.has(node)) {
    const writes = body.intoClause !== undefined || body.lockingClause !== undefined || hasModifyingCte(body);
    return { kind: writes ? "write" : "read", destructive: false };
  }
  if (WRITE_NODES.has(node)) {
    const unfiltered = (node === "DeleteStmt" || node === "UpdateStmt") && body.whereClause === undefined;
    return { kind: "write", destructive: unfiltered };
  }
  return {
    kind: "ddl",
    destructive: node === "DropStmt" || node === "TruncateStmt" || node === "DropdbStmt",
  };
}

function hasModifyingCte(body: Record<string, unknown>): boolean {
  const ctes = ((body.withClause as { ctes?: unknown[] } | undefined)?.ctes ?? []) as Array<
    Record<string, unknown>
  >;
  return ctes.some((cte) => {
    const query = ((cte.CommonTableExpr as Record<string, unknown> | undefined)?.ctequery ?? {}) as Record<
      string,
      unknown
    >;
    const n = Object.keys(query)[0] ?? "";
    return WRITE_NODES.has(n) || (n === "SelectStmt" && hasModifyingCte(query[n] as Record<string, unknown>));
  });
}

/** libpg-query reports byte offsets into the UTF-8 text; editors count characters. */
export function byteToCharOffset(text: string, byteOffset: number): number {
  return Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8").length;
}
