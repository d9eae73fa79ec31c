import type { ParsedStatement } from "../../db/sql-parser";

/** Settings that could lift read-only mode or change who we are. */
const ESCAPE_SETTINGS = /^(default_transaction_read_only|transaction_read_only|session_authorization|role)$/i;

/**
 * Why a read-only profile's tab may not run a statement, or undefined when it may.
 * Each statement then runs alone inside BEGIN READ ONLY … ROLLBACK.
 */
export function readOnlyRefusal(st: ParsedStatement): string | undefined {
  if (st.kind === "transaction") return "This profile is read-only: transaction control is not available";
  if (st.node === "VariableSetStmt") {
    const body = st.tree.VariableSetStmt as { name?: string };
    const name = body.name ?? "";
    if (
      !name ||
      ESCAPE_SETTINGS.test(name) ||
      name.startsWith("SESSION CHARACTERISTICS") ||
      name.startsWith("TRANSACTION")
    ) {
      return `This profile is read-only: ${st.text.slice(0, 60)} is not allowed`;
    }
  }
  return undefined;
}
