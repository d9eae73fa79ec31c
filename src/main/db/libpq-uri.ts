import { AppError } from "../../shared/contract";
import { SslMode, TargetSessionAttrs, type ImportedDraft } from "../../shared/contract/profiles";
import { readOnlySessionOptions } from "./read-only";

/** libpq keywords pgdesk turns into profile fields. */
const USED = new Set([
  "host",
  "hostaddr",
  "port",
  "dbname",
  "user",
  "password",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "connect_timeout",
  "application_name",
  "options",
  "service",
  "target_session_attrs",
  "load_balance_hosts",
  "sslpassword",
]);

/** libpq keywords pgdesk accepts but does not use (reported as warnings, not errors). */
const IGNORED = new Set([
  "passfile",
  "fallback_application_name",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "sslcompression",
  "sslcrl",
  "sslcrldir",
  "sslsni",
  "sslcertmode",
  "sslnegotiation",
  "ssl_min_protocol_version",
  "ssl_max_protocol_version",
  "requirepeer",
  "require_auth",
  "channel_binding",
  "gssencmode",
  "krbsrvname",
  "gsslib",
  "gssdelegation",
  "client_encoding",
  "replication",
  "min_protocol_version",
  "max_protocol_version",
  "scram_client_key",
  "scram_server_key",
]);

/** Raw libpq keyword/value pairs, as read from a URI, a conninfo string or a service entry. */
export type Conninfo = Map<string, string>;

function invalid(message: string, field?: string): AppError {
  return new AppError("VALIDATION", message, field ? { field } : {});
}

/** A URI (postgresql:// or postgres://) or key=value conninfo, as libpq reads them. */
export function parseConnectionString(text: string): Conninfo {
  const trimmed = text.trim();
  if (trimmed === "") throw invalid("connection string is empty", "text");
  return /^postgres(ql)?:\/\//i.test(trimmed) ? parseUri(trimmed) : parseKeyValue(trimmed);
}

/** postgresql://[user[:password]@][host[:port][,...]][/dbname][?key=value&...] */
export function parseUri(uri: string): Conninfo {
  const out: Conninfo = new Map();
  let rest = uri.replace(/^postgres(ql)?:\/\//i, "");
  const queryAt = rest.indexOf("?");
  const query = queryAt >= 0 ? rest.slice(queryAt + 1) : "";
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const slash = rest.indexOf("/");
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  if (slash >= 0 && rest.length > slash + 1) out.set("dbname", decode(rest.slice(slash + 1), "dbname"));

  const at = authority.lastIndexOf("@");
  const hostspec = at >= 0 ? authority.slice(at + 1) : authority;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(":");
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    if (user) out.set("user", decode(user, "user"));
    if (colon >= 0) out.set("password", decode(userinfo.slice(colon + 1), "password"));
  }
  const hosts: string[] = [];
  const ports: string[] = [];
  for (const part of hostspec ? hostspec.split(",") : []) {
    let host: string;
    let port = "";
    if (part.startsWith("[")) {
      const close = part.indexOf("]");
      if (close < 0)
        throw invalid(
          `host: missing "]" in IPv6 host address in URI: "${uri.replace(/:[^@/]*@/, ":***@")}"`,
          "host",
        );
      host = part.slice(1, close);
      const after = part.slice(close + 1);
      if (after && !after.startsWith(":"))
        throw invalid(`host: unexpected character "${after[0]}" after IPv6 host address`, "host");
      port = after.slice(1);
    } else {
      const colon = part.lastIndexOf(":");
      host = colon >= 0 ? part.slice(0, colon) : part;
      port = colon >= 0 ? part.slice(colon + 1) : "";
    }
    hosts.push(decode(host, "host"));
    ports.push(decode(port, "port"));
  }
  if (hosts.some((h) => h !== "")) out.set("host", hosts.join(","));
  if (ports.some((p) => p !== "")) out.set("port", ports.join(","));

  for (const pair of query ? query.split("&") : []) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    if (eq < 0) throw invalid(`missing key/value separator "=" in URI query parameter: "${pair}"`);
    const key = decode(pair.slice(0, eq), "query");
    const value = decode(pair.slice(eq + 1), key);
    // JDBC-style ssl=true means sslmode=require (libpq does the same)
    if (key === "ssl" && value === "true") out.set("sslmode", "require");
    else if (USED.has(key) || IGNORED.has(key)) out.set(key, value);
    else throw invalid(`invalid URI query parameter: "${key}"`, key);
  }
  return out;
}

function decode(part: string, field: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(part)) {
    // never echo a password back, not even a malformed one
    const shown = field === "password" ? "" : `: "${part.slice(0, 40)}"`;
    throw invalid(`${field}: invalid percent-encoded token${shown}`, field);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    throw invalid(`${field}: percent-encoded value is not valid UTF-8`, field);
  }
  if (decoded.includes("\u0000"))
    throw invalid(`${field}: forbidden value %00 in percent-encoded value`, field);
  return decoded;
}

/** key=value pairs separated by whitespace; values may be 'single quoted' with \' and \\. */
export function parseKeyValue(text: string): Conninfo {
  return parsePairs(text);
}

/** Known libpq keyword (used or ignored by pgdesk). */
export function isLibpqKeyword(key: string): boolean {
  return USED.has(key) || IGNORED.has(key);
}

function parsePairs(text: string): Conninfo {
  const out: Conninfo = new Map();
  let i = 0;
  const ws = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < text.length) {
    while (ws(text[i])) i++;
    if (i >= text.length) break;
    let key = "";
    while (i < text.length && text[i] !== "=" && !ws(text[i])) key += text[i++];
    while (ws(text[i])) i++;
    if (text[i] !== "=") throw invalid(`missing "=" after "${key}" in connection info string`, key);
    i++;
    while (ws(text[i])) i++;
    let value = "";
    if (text[i] === "'") {
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i++]!;
        if (c === "\\" && i < text.length) value += text[i++];
        else if (c === "'") {
          closed = true;
          break;
        } else value += c;
      }
      if (!closed) throw invalid(`unterminated quoted string in connection info string`, key);
    } else {
      while (i < text.length && !ws(text[i])) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i++];
      }
    }
    if (!USED.has(key) && !IGNORED.has(key)) throw invalid(`invalid connection option "${key}"`, key);
    out.set(key, value);
  }
  return out;
}

/** Turns libpq keywords into the profile form's fields; every problem names its field. */
export function conninfoToDraft(info: Conninfo, defaults: { user?: string } = {}): ImportedDraft {
  const warnings: string[] = [];
  for (const key of info.keys())
    if (IGNORED.has(key)) warnings.push(`${key} is not used by pgdesk and was left out`);

  const { hosts, warnings: hostWarnings } = hostList(info);
  warnings.push(...hostWarnings);
  const [{ host, port }, ...additionalHosts] = hosts as [
    { host: string; port: number },
    ...Array<{ host: string; port: number }>,
  ];
  const user = info.get("user") || defaults.user || "postgres";
  const database = info.get("dbname") || user;

  const sslmode = sslmodeOf(info);
  const connectTimeoutSeconds = connectTimeoutOf(info, warnings);
  const options = info.get("options");
  const readOnly = options !== undefined && options.trim() === readOnlySessionOptions;
  if (options !== undefined && !readOnly) warnings.push(`options "${options}" are not used by pgdesk`);
  if (info.has("service")) warnings.push(`service "${info.get("service")}" was not expanded`);
  const applicationName = info.get("application_name");
  const targetSessionAttrs = targetSessionAttrsOf(info);
  const balanceText = loadBalanceOf(info);

  const draft: ImportedDraft["draft"] = {
    name: `${user}@${host}/${database}`,
    host,
    port,
    database,
    user,
    ...(additionalHosts.length ? { additionalHosts } : {}),
    ...(targetSessionAttrs ? { targetSessionAttrs } : {}),
    ...(balanceText === "random" ? { loadBalanceHosts: "random" as const } : {}),
    ...(sslmode ? { sslmode } : {}),
    ...(info.get("sslrootcert") ? { sslRootCert: info.get("sslrootcert")! } : {}),
    ...(info.get("sslcert") ? { sslCert: info.get("sslcert")! } : {}),
    ...(info.get("sslkey") ? { sslKey: info.get("sslkey")! } : {}),
    ...(connectTimeoutSeconds ? { connectTimeoutSeconds } : {}),
    ...(applicationName ? { applicationName } : {}),
    ...(readOnly ? { readOnly } : {}),
  };
  return {
    draft,
    ...(info.has("password") ? { password: info.get("password")! } : {}),
    ...(info.get("sslpassword") ? { sslPassword: info.get("sslpassword")! } : {}),
    warnings,
  };
}

function sslmodeOf(info: Conninfo): SslMode | undefined {
  const text = info.get("sslmode");
  if (text === undefined || text === "") return undefined;
  const parsed = SslMode.safeParse(text);
  if (!parsed.success) throw invalid(`sslmode: invalid sslmode value: "${text}"`, "sslmode");
  return parsed.data;
}

/** libpq's connect_timeout in seconds (it treats 1 as 2); 0, "wait forever", falls back to the default. */
function connectTimeoutOf(info: Conninfo, warnings: string[]): number | undefined {
  const timeout = info.get("connect_timeout");
  if (timeout === undefined || timeout === "") return undefined;
  if (!/^-?\d+$/.test(timeout))
    throw invalid(`connect_timeout: invalid integer value "${timeout}"`, "connectTimeoutSeconds");
  const n = Number(timeout);
  if (n > 0) return Math.min(Math.max(n, 2), 300);
  warnings.push("connect_timeout 0 (wait forever) is not supported; the default of 10 s is used");
  return undefined;
}

/** target_session_attrs other than the default "any". */
function targetSessionAttrsOf(info: Conninfo): TargetSessionAttrs | undefined {
  const text = info.get("target_session_attrs");
  if (text === undefined || text === "" || text === "any") return undefined;
  const parsed = TargetSessionAttrs.safeParse(text);
  if (!parsed.success)
    throw invalid(
      `target_session_attrs: invalid target_session_attrs value: "${text}"`,
      "targetSessionAttrs",
    );
  return parsed.data;
}

function loadBalanceOf(info: Conninfo): string | undefined {
  const text = info.get("load_balance_hosts");
  if (text !== undefined && text !== "" && text !== "disable" && text !== "random")
    throw invalid(`load_balance_hosts: invalid load_balance_hosts value: "${text}"`, "loadBalanceHosts");
  return text;
}

/**
 * libpq's host and port lists: host=h1,h2 with port=p1,p2, or one port for every host;
 * an empty entry means the default (localhost, 5432).
 */
function hostList(info: Conninfo): { hosts: Array<{ host: string; port: number }>; warnings: string[] } {
  const warnings: string[] = [];
  const hostText = info.get("host") || info.get("hostaddr") || "";
  const names = hostText.split(",").map((h) => h.trim());
  const portText = info.get("port") ?? "";
  const ports = portText.split(",").map((p) => p.trim());
  if (ports.length !== 1 && ports.length !== names.length) {
    throw invalid(`port: could not match ${ports.length} port numbers to ${names.length} hosts`, "port");
  }
  if (names.length > 17)
    throw invalid(`host: at most 17 hosts are supported (${names.length} given)`, "host");
  const hosts = names.map((name, i) => {
    const host = name || "localhost";
    if (host.startsWith("/"))
      throw invalid(`host: Unix-domain sockets (${host}) are not supported; use a TCP host name`, "host");
    if (host.startsWith("-")) throw invalid("host: host may not start with '-'", "host");
    const p = (ports.length === 1 ? ports[0] : ports[i]) || "5432";
    if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535)
      throw invalid(`port: invalid port number: "${p}"`, "port");
    return { host, port: Number(p) };
  });
  const seen = new Set<string>();
  const unique = hosts.filter((h) => {
    const key = `${h.host}:${h.port}`;
    if (seen.has(key)) {
      warnings.push(`${key} was listed more than once; it is tried once`);
      return false;
    }
    seen.add(key);
    return true;
  });
  return { hosts: unique, warnings };
}

export interface UriFields {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode?: string | undefined;
  sslRootCert?: string | undefined;
  sslCert?: string | undefined;
  sslKey?: string | undefined;
  connectTimeoutSeconds?: number | undefined;
  applicationName?: string | undefined;
  readOnly?: boolean | undefined;
  additionalHosts?: Array<{ host: string; port: number }> | undefined;
  targetSessionAttrs?: string | undefined;
  loadBalanceHosts?: string | undefined;
}

/** A libpq URI for the profile (every host of its list), never with its password or key passphrase. */
export function toUri(p: UriFields): string {
  const enc = (s: string) => encodeURIComponent(s);
  const hostPort = (h: { host: string; port: number }) =>
    `${h.host.includes(":") ? `[${h.host}]` : enc(h.host)}:${h.port}`;
  const hosts = [{ host: p.host, port: p.port }, ...(p.additionalHosts ?? [])].map(hostPort).join(",");
  const params: Array<[string, string | number | undefined]> = [
    ["target_session_attrs", p.targetSessionAttrs],
    ["load_balance_hosts", p.loadBalanceHosts === "random" ? "random" : undefined],
    ["sslmode", p.sslmode],
    ["sslrootcert", p.sslRootCert],
    ["sslcert", p.sslCert],
    ["sslkey", p.sslKey],
    ["connect_timeout", p.connectTimeoutSeconds],
    ["application_name", p.applicationName],
    ["options", p.readOnly ? readOnlySessionOptions : undefined],
  ];
  const query = params
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${enc(String(v))}`)
    .join("&");
  return `postgresql://${enc(p.user)}@${hosts}/${enc(p.database)}${query ? `?${query}` : ""}`;
}
