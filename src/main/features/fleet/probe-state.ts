import { AppError } from "../../../shared/contract";
import type { FleetState } from "../../../shared/contract/fleet";

/** SQLSTATEs of a refused login: bad password (28P01), no such role / pg_hba (28000). */
const AUTH_STATES = new Set(["28P01", "28000"]);

const NETWORK_DOWN = [
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
];

/**
 * Turns a failed probe into the state the overview shows and a reason in the server's or
 * network's own words. A timeout is its own state: a black-holed address looks exactly
 * like that, and its reason says which step ran out of time.
 */
export function classifyFailure(err: unknown, timeoutMs: number): { state: FleetState; reason: string } {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; connectionLoss?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  const message = typeof e.message === "string" && e.message ? e.message : String(err);
  if (code && AUTH_STATES.has(code)) return { state: "auth", reason: message };
  if (err instanceof AppError && err.extra.field === "password") return { state: "auth", reason: message };
  if (
    /password authentication failed|no pg_hba\.conf entry|SASL authentication|role ".*" does not exist/i.test(
      message,
    )
  )
    return { state: "auth", reason: message };
  if (
    code === "ETIMEDOUT" ||
    /timeout expired|timed out|Connection terminated due to connection timeout|Query read timeout/i.test(
      message,
    )
  )
    return { state: "timeout", reason: `no answer within ${seconds(timeoutMs)}: ${message}` };
  if (
    (code && NETWORK_DOWN.includes(code)) ||
    e.connectionLoss === true ||
    (code && /^08|^57P0[1-3]/.test(code))
  )
    return { state: "down", reason: withCode(message, code) };
  if (err instanceof AppError && err.code === "CONNECTION") return { state: "down", reason: message };
  return { state: "error", reason: withCode(message, code) };
}

function withCode(message: string, code: string | undefined): string {
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
