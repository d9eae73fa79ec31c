import { AppError, type ApiErrorData } from "../../shared/contract";

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  detail?: unknown;
  hint?: unknown;
  severity?: unknown;
  routine?: unknown;
  /** Set by the connection manager: whether the failed attempt was encrypted. */
  pgdeskTls?: unknown;
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "EHOSTDOWN",
  "ENETDOWN",
  "EAI_NONAME",
]);

/**
 * node-postgres' own words for failures it raises without a code (its messages are
 * fixed English, never the server's translated text), as the codes the classifier reads.
 */
const DRIVER_MESSAGES: Array<[RegExp, string]> = [
  [/^timeout expired$|^Connection terminated due to connection timeout$/, "CONNECT_TIMEOUT"],
  [/^The server does not support SSL connections$/, "SSL_NOT_SUPPORTED"],
  [/^Connection terminated unexpectedly$|^Connection terminated$/, "CONNECTION_CLOSED"],
];

function connectionFacts(e: PgLikeError): Pick<ApiErrorData, "tls"> {
  return typeof e.pgdeskTls === "boolean" ? { tls: e.pgdeskTls } : {};
}

/**
 * Turns anything thrown in main into the error shape that crosses to the renderer.
 * PostgreSQL errors keep the server's own words, SQLSTATE and position; other
 * unexpected errors keep only their message, never a stack.
 */
export function toApiError(err: unknown): ApiErrorData {
  if (err instanceof AppError) return err.toData();
  if (err && typeof err === "object") {
    const e = err as PgLikeError;
    const message = typeof e.message === "string" && e.message ? e.message : String(err);
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string") {
      const position = typeof e.position === "string" ? Number.parseInt(e.position, 10) : undefined;
      return {
        code:
          e.code.startsWith("08") || e.code === "28P01" || e.code === "28000" || e.code === "3D000"
            ? "CONNECTION"
            : "PG_ERROR",
        message,
        sqlState: e.code,
        ...(position !== undefined && Number.isFinite(position) ? { position } : {}),
        ...(typeof e.detail === "string" ? { detail: e.detail } : {}),
        ...(typeof e.hint === "string" ? { hint: e.hint } : {}),
        ...(typeof e.routine === "string" ? { routine: e.routine.slice(0, 64) } : {}),
        ...connectionFacts(e),
      };
    }
    if (typeof e.code === "string" && CONNECTION_CODES.has(e.code))
      return { code: "CONNECTION", message, errno: e.code, ...connectionFacts(e) };
    const driver = DRIVER_MESSAGES.find(([re]) => re.test(message));
    if (driver) return { code: "CONNECTION", message, errno: driver[1], ...connectionFacts(e) };
    if (/Connection terminated|timeout expired|server does not support SSL|SSL|certificate/i.test(message)) {
      return { code: "CONNECTION", message, ...connectionFacts(e) };
    }
    if (err instanceof Error && err.name === "AbortError") return { code: "CANCELLED", message };
    return { code: "INTERNAL", message };
  }
  return { code: "INTERNAL", message: String(err) };
}
