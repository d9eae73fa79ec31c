import type { ApiErrorData } from "../../../shared/contract/errors";

/** How to fix a check that could not run, from its SQLSTATE. */
export function checkErrorAction(e: ApiErrorData, timeoutMs: number): string {
  switch (e.sqlState) {
    case "42501":
      return "The profile's user lacks the privilege: a superuser can run GRANT pg_monitor TO <this user>; (read access to every monitoring view).";
    case "57014":
      return `The check took longer than its statement timeout (${timeoutMs} ms): raise statementTimeoutMs in the thresholds, or look at the server's load.`;
    case "42883":
    case "42P01":
    case "42703":
      return "This server version or configuration lacks a function or view the check needs.";
    case "55000":
    case "25006":
      return "Not available in this server's current state (for example on a standby).";
    case undefined: // not a server error: the connection may have gone
    default:
      if (e.code === "CONNECTION")
        return "The connection was lost during the check; the next report reconnects on its own.";
      return "";
  }
}
