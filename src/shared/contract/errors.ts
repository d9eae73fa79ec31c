import { z } from "zod";

/** Every error that crosses a host boundary has this shape; nothing else crosses. */
export const ErrorCode = z.enum([
  "VALIDATION", // the input did not match the channel's schema
  "UNKNOWN_CHANNEL",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHORIZED",
  "NOT_FOUND",
  "PG_ERROR", // the server answered with an error (sqlState set)
  "CONNECTION", // could not reach the server (refused, DNS, TLS, timeout)
  "CANCELLED",
  "CONFLICT",
  "UNSUPPORTED",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  sqlState: z.string().optional(),
  position: z.number().int().optional(),
  detail: z.string().optional(),
  hint: z.string().optional(),
  /** For VALIDATION: where in the input the problem is, e.g. "port". */
  field: z.string().optional(),
  /**
   * A failure outside PostgreSQL's own errors, as a code: the system's (ECONNREFUSED,
   * ENOTFOUND), TLS's (CERT_HAS_EXPIRED) or pgdesk's (CONNECT_TIMEOUT, SSL_NOT_SUPPORTED,
   * CONNECTION_CLOSED, SSH_CONNECT, SSH_LOGIN, SSH_FORWARD).
   */
  errno: z.string().max(64).optional(),
  /** The server's C routine that raised the error (never translated, unlike the message). */
  routine: z.string().max(64).optional(),
  /** For a failed connection: whether the attempt that failed was encrypted. */
  tls: z.boolean().optional(),
});
export type ApiErrorData = z.infer<typeof ApiErrorData>;

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** Thrown by services for errors they mean the user to read. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorData, "code" | "message"> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** Largest serialized payload accepted on any channel. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
