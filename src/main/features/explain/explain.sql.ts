import { sql } from "../../db/sql";

export const serverVersionNum = sql`SELECT current_setting('server_version_num')::int AS version_num`;

/** is_local = true: the timeout ends with the transaction, like SET LOCAL. */
export const setLocalStatementTimeout = sql`SELECT set_config('statement_timeout', $1, true)`;

export const cancelBackend = sql`SELECT pg_cancel_backend($1)`;

/** Session-level advisory locks survive ROLLBACK; release them before the connection goes. */
export const unlockAllAdvisory = sql`SELECT pg_advisory_unlock_all()`;
