import { z } from "zod";
import { AppError } from "../../shared/contract";

/**
 * A small client of Patroni's REST API: GET /cluster, /patroni, /history and POST
 * /switchover, each with a timeout, answers checked by zod (unknown fields are kept so
 * newer Patroni versions still parse). https works with the system's trusted CAs.
 */
export interface PatroniEndpoint {
  /** Base address, e.g. http://10.0.0.5:8008 (a trailing /patroni, as member api_url has it, is dropped). */
  url: string;
  /** Basic auth for unsafe endpoints (restapi.authentication). */
  auth?: { user: string; password: string };
  timeoutMs?: number;
  signal?: AbortSignal;
}

const Lag = z.union([z.number(), z.string()]).optional();

export const PatroniMember = z.looseObject({
  name: z.string(),
  role: z.string(),
  state: z.string().default(""),
  api_url: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  timeline: z.number().int().optional(),
  lag: Lag,
  pending_restart: z.boolean().optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
});
export type PatroniMember = z.infer<typeof PatroniMember>;

export const PatroniClusterJson = z.looseObject({
  members: z.array(PatroniMember),
  pause: z.boolean().optional(),
  scheduled_switchover: z
    .looseObject({ at: z.string(), from: z.string().optional(), to: z.string().optional() })
    .optional(),
});
export type PatroniClusterJson = z.infer<typeof PatroniClusterJson>;

export const PatroniNodeStatus = z.looseObject({
  state: z.string().optional(),
  role: z.string().optional(),
  postmaster_start_time: z.string().nullable().optional(),
  server_version: z.number().optional(),
  timeline: z.number().int().optional(),
  xlog: z
    .looseObject({
      location: z.number().optional(),
      received_location: z.number().nullable().optional(),
      replayed_location: z.number().nullable().optional(),
      paused: z.boolean().nullable().optional(),
    })
    .optional(),
  replication: z
    .array(
      z.looseObject({
        application_name: z.string(),
        state: z.string().nullable().optional(),
        sync_state: z.string().nullable().optional(),
        client_addr: z.string().nullable().optional(),
      }),
    )
    .optional(),
  patroni: z.looseObject({ version: z.string().optional(), scope: z.string().optional() }).optional(),
});
export type PatroniNodeStatus = z.infer<typeof PatroniNodeStatus>;

/** [timeline, lsn, reason, timestamp?, new leader?]: older Patroni versions send fewer fields. */
const HistoryLine = z.tuple([z.number(), z.number().nullable()], z.unknown());
export type PatroniHistoryLine = {
  timeline: number;
  lsn: number | null;
  reason: string;
  at?: string;
  newLeader?: string;
};

/** The base address of a member: scheme, host and port, without /patroni or a trailing slash. */
export function patroniBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new AppError("VALIDATION", `apiUrl: "${url}" is not an address (http://host:port)`, {
      field: "apiUrl",
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new AppError("VALIDATION", `apiUrl: Patroni speaks http or https, not ${parsed.protocol}`, {
      field: "apiUrl",
    });
  const path = parsed.pathname.replace(/\/+$/, "").replace(/\/patroni$/, "");
  return `${parsed.protocol}//${parsed.host}${path}`;
}

export async function getCluster(ep: PatroniEndpoint): Promise<PatroniClusterJson> {
  return parse(PatroniClusterJson, await request(ep, "GET", "/cluster"), ep, "/cluster");
}

export async function getNodeStatus(ep: PatroniEndpoint): Promise<PatroniNodeStatus> {
  // /patroni answers 200 on every member, whatever its role (health endpoints answer 503)
  return parse(PatroniNodeStatus, await request(ep, "GET", "/patroni"), ep, "/patroni");
}

export async function getHistory(ep: PatroniEndpoint): Promise<PatroniHistoryLine[]> {
  const lines = parse(z.array(z.array(z.unknown())), await request(ep, "GET", "/history"), ep, "/history");
  const out: PatroniHistoryLine[] = [];
  for (const line of lines) {
    const ok = HistoryLine.safeParse(line);
    if (!ok.success) continue; // a line we cannot read is left out, never guessed
    const [timeline, lsn, reason, at, newLeader] = ok.data as [number, number | null, ...unknown[]];
    out.push({
      timeline,
      lsn,
      reason: typeof reason === "string" ? reason : "",
      ...(typeof at === "string" ? { at } : {}),
      ...(typeof newLeader === "string" ? { newLeader } : {}),
    });
  }
  return out;
}

/**
 * POST /switchover. Patroni answers once the new leader holds the lock (200), or why it
 * would not (412: not possible, 503: failed or unknown); the text is Patroni's own.
 */
export async function postSwitchover(
  ep: PatroniEndpoint,
  body: { leader: string; candidate: string },
): Promise<{ status: number; message: string }> {
  const res = await send(ep, "POST", "/switchover", JSON.stringify(body));
  const text = (await res.text()).trim();
  if (res.status === 401 || res.status === 403)
    throw new AppError(
      "UNAUTHORIZED",
      `Patroni at ${patroniBaseUrl(ep.url)} refused the switchover (${res.status}${text ? `: ${text}` : ""}); its REST API needs the user name and password of restapi.authentication`,
    );
  return { status: res.status, message: text || `HTTP ${res.status}` };
}

async function request(ep: PatroniEndpoint, method: string, path: string): Promise<unknown> {
  const res = await send(ep, method, path);
  const text = await res.text();
  if (!res.ok && !(path === "/patroni" && text.startsWith("{")))
    throw new AppError(
      "CONNECTION",
      `Patroni at ${patroniBaseUrl(ep.url)} answered ${path} with HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      "CONNECTION",
      `Patroni at ${patroniBaseUrl(ep.url)} answered ${path} with something that is not JSON`,
    );
  }
}

async function send(ep: PatroniEndpoint, method: string, path: string, body?: string): Promise<Response> {
  const base = patroniBaseUrl(ep.url);
  const timeoutMs = ep.timeoutMs ?? 5_000;
  const signals = [AbortSignal.timeout(timeoutMs), ...(ep.signal ? [ep.signal] : [])];
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (ep.auth)
    headers.Authorization = `Basic ${Buffer.from(`${ep.auth.user}:${ep.auth.password}`).toString("base64")}`;
  try {
    return await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.any(signals),
      redirect: "error",
    });
  } catch (err) {
    throw new AppError(
      "CONNECTION",
      `Patroni at ${base} did not answer ${path}: ${networkReason(err, timeoutMs)}`,
    );
  }
}

/** fetch hides the socket error in `cause`; say what happened in the network's words. */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  if (e?.name === "AbortError") return "cancelled";
  const cause = e?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return e?.message ?? String(err);
}

function parse<T>(schema: z.ZodType<T>, data: unknown, ep: PatroniEndpoint, path: string): T {
  const ok = schema.safeParse(data);
  if (ok.success) return ok.data;
  const issue = ok.error.issues[0];
  throw new AppError(
    "CONNECTION",
    `Patroni at ${patroniBaseUrl(ep.url)} answered ${path} in a shape pgdesk does not know (${issue?.path.join(".") || "top"}: ${issue?.message})`,
  );
}
