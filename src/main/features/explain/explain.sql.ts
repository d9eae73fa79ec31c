import { sql } from "../../db/sql";

/** is_local = true: the timeout ends with the transaction, like SET LOCAL. */
export const setLocalStatementTimeout = sql`SELECT set_config('statement_timeout', $1, true)`;

export const cancelBackend = sql`SELECT pg_cancel_backend($1)`;

/** Session-level advisory locks survive ROLLBACK; release them before the connection goes. */
export const unlockAllAdvisory = sql`SELECT pg_advisory_unlock_all()`;
