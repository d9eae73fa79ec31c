import { AppError } from "../../../shared/contract";
import { parseStatements, type ParsedStatement } from "../../db/sql-parser";

/** Statements EXPLAIN accepts (see the EXPLAIN reference page). */
const EXPLAINABLE = new Set([
  "SelectStmt",
  "InsertStmt",
  "UpdateStmt",
  "DeleteStmt",
  "MergeStmt",
  "ExecuteStmt",
  "DeclareCursorStmt",
  "CreateTableAsStmt",
]);

/**
 * The one statement to explain, or an error saying plainly why not: EXPLAIN ANALYZE runs
 * inside pgdesk's own BEGIN ... ROLLBACK, so anything that could end that transaction
 * early (COMMIT, a second statement) is refused before anything is sent.
 */
export async function statementToExplain(text: string): Promise<ParsedStatement> {
  const statements = await parseStatements(text);
  if (statements.length === 0)
    throw new AppError("VALIDATION", "Nothing to explain: the text holds only comments or whitespace.", {
      field: "sql",
    });
  const control = statements.find((s) => s.kind === "transaction");
  if (control) {
    throw new AppError(
      "VALIDATION",
      `Transaction control (${firstWords(control.text)}) is refused: EXPLAIN ANALYZE runs inside its own BEGIN … ROLLBACK, ` +
        "and a COMMIT or ROLLBACK in the text would end it and make changes permanent.",
      { field: "sql", position: control.start + 1 },
    );
  }
  if (statements.length > 1) {
    throw new AppError(
      "VALIDATION",
      `EXPLAIN takes one statement, and the text holds ${statements.length}. Select the statement to explain.`,
      { field: "sql", position: statements[1]!.start + 1 },
    );
  }
  const stmt = statements[0]!;
  if (stmt.node === "ExplainStmt") {
    throw new AppError(
      "VALIDATION",
      "The text is already an EXPLAIN: remove the EXPLAIN and pick the options here.",
      { field: "sql", position: stmt.start + 1 },
    );
  }
  if (!EXPLAINABLE.has(stmt.node)) {
    throw new AppError(
      "VALIDATION",
      `${firstWords(stmt.text)} cannot be explained: EXPLAIN accepts SELECT, VALUES, INSERT, UPDATE, DELETE, MERGE, EXECUTE, DECLARE and CREATE TABLE AS.`,
      { field: "sql", position: stmt.start + 1 },
    );
  }
  return stmt;
}

function firstWords(text: string): string {
  return text.split(/\s+/).slice(0, 2).join(" ").replace(/;$/, "").toUpperCase();
}
