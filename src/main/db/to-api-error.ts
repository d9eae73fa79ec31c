import { AppError, type ApiErrorData } from "../../shared/contract";

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  detail?: unknown;
  hint?: unknown;
  severity?: unknown;
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
]);

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
      };
    }
    if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return { code: "CONNECTION", message };
    if (/Connection terminated|timeout expired|server does not support SSL|SSL|certificate/i.test(message)) {
      return { code: "CONNECTION", message };
    }
    if (err instanceof Error && err.name === "AbortError") return { code: "CANCELLED", message };
    return { code: "INTERNAL", message };
  }
  return { code: "INTERNAL", message: String(err) };
}
