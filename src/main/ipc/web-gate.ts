import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallResult } from "../../shared/contract";
import type { Logger } from "../logger";

export const COOKIE = "pgdesk_token";

/**
 * Who may talk to the web host: a Host header naming it (anything else is DNS
 * rebinding), no Origin but its own, and the run's token (a bearer header or the
 * HttpOnly cookie the first visit traded it for).
 */
export class WebGate {
  /** Set once the port is known. */
  origin = "";
  private allowedHosts: ReadonlySet<string> = new Set();

  constructor(
    readonly token: string,
    private readonly log: Logger,
  ) {}

  listening(port: number): void {
    this.origin = `http://127.0.0.1:${port}`;
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts.has(req.headers.host ?? "");
  }

  originAllowed(req: IncomingMessage): boolean {
    return req.headers.origin === undefined || req.headers.origin === this.origin;
  }

  tokenMatches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  authorized(req: IncomingMessage): boolean {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer !== undefined) return this.tokenMatches(bearer);
    const cookie = parseCookies(req.headers.cookie)[COOKIE];
    return cookie !== undefined && this.tokenMatches(cookie);
  }

  /** Refusals are logged with method and path only: never the body, never the token. */
  refuse(res: ServerResponse, status: 401 | 403 | 404 | 405, message: string, req?: IncomingMessage): void {
    if (req && status !== 404)
      this.log.warn(`refused ${req.method} ${(req.url ?? "").split("?")[0]}: ${status} ${message}`);
    const code = status === 404 ? "NOT_FOUND" : status === 405 ? "VALIDATION" : "UNAUTHORIZED";
    sendJson(res, status, fail(code, message));
  }
}

export function fail(
  code: "VALIDATION" | "PAYLOAD_TOO_LARGE" | "UNAUTHORIZED" | "NOT_FOUND",
  message: string,
): CallResult<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(text);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
