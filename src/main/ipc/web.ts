import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { MAX_PAYLOAD_BYTES } from "../../shared/contract";
import type { AppContext, Emit, HandlerMap } from "../features/handler-types";
import { contentSecurityPolicy } from "../csp";
import type { Logger } from "../logger";
import { dispatch } from "./dispatch";
import { COOKIE, fail, sendJson, WebGate } from "./web-gate";

export interface WebHostOptions {
  registry: HandlerMap;
  /** Builds the app context once the host knows how to emit events. */
  createContext(emit: Emit): AppContext;
  /** The built renderer (out/renderer); omitted = API only (tests). */
  staticDir?: string;
  port?: number;
  token?: string;
  log: Logger;
  validateOutput?: boolean;
}

export interface WebHost {
  url: string;
  /** The URL to open: it carries the token once, then the page keeps it in a cookie. */
  launchUrl: string;
  port: number;
  token: string;
  ctx: AppContext;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

/**
 * Serves the same handlers as the Electron host over HTTP (calls) and WebSocket
 * (events), on 127.0.0.1 only, behind a random per-run token and an Origin check.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const gate = new WebGate(options.token ?? randomBytes(24).toString("base64url"), options.log);
  const sockets = new Set<WebSocket>();
  const emit: Emit = (event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(message);
  };
  const host: Host = { gate, options, ctx: options.createContext(emit) };
  const server = createServer((req, res) => {
    handleRequest(host, req, res).catch((err: unknown) => {
      options.log.error("web host request failed", err);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: "INTERNAL", message: "Internal error" } });
      else res.destroy();
    });
  });
  const wss = acceptEventSockets(server, gate, sockets, options.log);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  gate.listening(port);

  return {
    url: gate.origin,
    launchUrl: `${gate.origin}/?token=${gate.token}`,
    port,
    token: gate.token,
    ctx: host.ctx,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.ctx.shutdown();
    },
  };
}

/** What every request needs. */
interface Host {
  gate: WebGate;
  options: WebHostOptions;
  ctx: AppContext;
}

async function handleRequest(
  { gate, options, ctx }: Host,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", gate.origin);
  if (!gate.hostAllowed(req)) return gate.refuse(res, 403, "Host not allowed", req);
  if (req.headers.origin !== undefined && req.headers.origin !== gate.origin) {
    return gate.refuse(res, 403, "Origin not allowed", req);
  }
  // First visit: the URL carries the token; trade it for an HttpOnly cookie and drop it from the URL.
  const queryToken = url.searchParams.get("token");
  if (req.method === "GET" && url.pathname === "/" && queryToken !== null) {
    if (!gate.tokenMatches(queryToken)) return gate.refuse(res, 401, "Unauthorized", req);
    res.writeHead(302, {
      "Set-Cookie": `${COOKIE}=${gate.token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: "/",
      "Cache-Control": "no-store",
    });
    res.end();
    return;
  }
  if (!gate.authorized(req)) return gate.refuse(res, 401, "Unauthorized", req);

  if (url.pathname.startsWith("/api/")) {
    if (req.method !== "POST") return gate.refuse(res, 405, "Use POST", req);
    return handleCall(options, ctx, req, res, decodeURIComponent(url.pathname.slice("/api/".length)));
  }
  if (req.method !== "GET" && req.method !== "HEAD") return gate.refuse(res, 405, "Method not allowed", req);
  return serveStatic(gate, options.staticDir, res, url.pathname);
}

/** One call: the body is the channel's input, validated by dispatch like the Electron host's. */
async function handleCall(
  options: WebHostOptions,
  ctx: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  channelName: string,
): Promise<void> {
  const body = await readBody(req, MAX_PAYLOAD_BYTES);
  if (body === "too-large") {
    sendJson(res, 413, fail("PAYLOAD_TOO_LARGE", `Payload exceeds the ${MAX_PAYLOAD_BYTES}-byte limit`));
    req.destroy();
    return;
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch {
    return sendJson(res, 400, fail("VALIDATION", "Request body is not valid JSON"));
  }
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const result = await dispatch(options.registry, { ...ctx, signal: controller.signal }, channelName, input, {
    validateOutput: options.validateOutput ?? process.env.NODE_ENV !== "production",
    payloadBytes: body.length,
  });
  sendJson(res, 200, result);
}

/** The built renderer; nothing outside its folder is served. */
async function serveStatic(
  gate: WebGate,
  staticDir: string | undefined,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (!staticDir) return gate.refuse(res, 404, "Not found");
  const root = normalize(staticDir);
  let file = normalize(join(root, decodeURIComponent(pathname)));
  if (file !== root && !file.startsWith(root + sep)) return gate.refuse(res, 404, "Not found");
  let info = await stat(file).catch(() => undefined);
  if (!info || info.isDirectory()) {
    // client-side routes fall back to the app; missing assets stay 404
    if (extname(pathname)) return gate.refuse(res, 404, "Not found");
    file = join(root, "index.html");
    info = await stat(file).catch(() => undefined);
    if (!info) return gate.refuse(res, 404, "Not found");
  }
  res.writeHead(200, {
    "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
    "Content-Length": info.size,
    "Content-Security-Policy": contentSecurityPolicy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
  });
  createReadStream(file).pipe(res);
}

/** The /ws endpoint, behind the same gate as calls. */
function acceptEventSockets(
  server: Server,
  gate: WebGate,
  sockets: Set<WebSocket>,
  log: Logger,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    if (
      !gate.hostAllowed(req) ||
      !gate.originAllowed(req) ||
      !gate.authorized(req) ||
      new URL(req.url ?? "/", gate.origin).pathname !== "/ws"
    ) {
      log.warn(`refused websocket ${(req.url ?? "").split("?")[0]}`);
      socket.write("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      ws.on("error", () => sockets.delete(ws));
      // events only flow main -> renderer; anything sent the other way is ignored
    });
  });
  return wss;
}

/** Reads a request body, stopping as soon as it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return resolve("too-large");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
