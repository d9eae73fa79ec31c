import type { ImportedDraft, SshSettings } from "../../../shared/contract/profiles";
import { conninfoToDraft, parseConnectionString, type Conninfo } from "../../db/libpq-uri";
import type { ServiceEntry } from "../../db/service-file";

/** One profile an import source describes, before it is saved. */
export interface ImportEntry {
  index: number;
  /** The source's own name for it (service, pgAdmin Name), else user@host/database. */
  name: string;
  imported?: ImportedDraft;
  group?: string;
  tags?: string[];
  ssh?: SshSettings;
  /** pgAdmin's PassFile: a pgpass file to look the password up in. */
  passFile?: string;
  /** Why this entry cannot be imported (the line or field). */
  error?: string;
  warnings: string[];
}

const URI_WITH_NAME = /^(.+?)\s+((?:postgres|postgresql):\/\/\S+)$/i;

/**
 * A list of libpq URIs or key=value strings, one a line; "# …" lines and blank lines are
 * skipped; a line may start with a name ("orders-eu postgresql://…").
 */
export function parseUriList(text: string, osUser: string): ImportEntry[] {
  const out: ImportEntry[] = [];
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const named = URI_WITH_NAME.exec(line);
    const [name, uri] = named ? [named[1]!.trim(), named[2]!] : [undefined, line];
    out.push(fromConninfo(out.length, `line ${n + 1}`, () => parseConnectionString(uri), osUser, name));
  }
  return out;
}

/** Every service of pg_service.conf, each with its name. */
export function fromServices(services: ServiceEntry[], osUser: string): ImportEntry[] {
  return services.map((s, i) =>
    fromConninfo(i, `service "${s.name}" (${s.file})`, () => s.info, osUser, s.name),
  );
}

/** pgAdmin 4's "Import/Export Servers" file: {"Servers": {"1": {...}, ...}}. */
export function parsePgAdmin(text: string, osUser: string): { entries: ImportEntry[]; warnings: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { entries: [], warnings: [`not a pgAdmin servers.json file: ${(err as Error).message}`] };
  }
  const servers = (doc as { Servers?: unknown })?.Servers;
  if (!servers || typeof servers !== "object")
    return { entries: [], warnings: ['not a pgAdmin servers.json file: it has no "Servers" object'] };
  const entries = Object.entries(servers as Record<string, unknown>).map(([key, value], i) =>
    fromPgAdminServer(i, key, value, osUser),
  );
  return { entries, warnings: [] };
}

/** pgAdmin fields pgdesk reads, or knows it does not need (colours, sharing). */
const PGADMIN_KNOWN = new Set([
  "Name",
  "Group",
  "Host",
  "HostAddr",
  "Port",
  "MaintenanceDB",
  "Username",
  "Role",
  "SSLMode",
  "SSLCert",
  "SSLKey",
  "SSLRootCert",
  "PassFile",
  "Comment",
  "Shared",
  "SharedUsername",
  "BGColor",
  "FGColor",
  "Service",
  "Timeout",
  "ConnectionParameters",
  "Tags",
  "UseSSHTunnel",
  "TunnelHost",
  "TunnelPort",
  "TunnelUsername",
  "TunnelAuthentication",
  "TunnelIdentityFile",
  "TunnelKeepAlive",
  "SavePassword",
  "DBRestriction",
  "KerberosAuthentication",
  "ConnectNow",
  "PasswordExecCommand",
  "PasswordExecExpiration",
  "Favorite",
]);

function fromPgAdminServer(index: number, key: string, value: unknown, osUser: string): ImportEntry {
  const s = (value ?? {}) as Record<string, unknown>;
  const where = `server "${typeof s.Name === "string" ? s.Name : key}"`;
  const params = (typeof s.ConnectionParameters === "object" && s.ConnectionParameters) as
    Record<string, unknown> | false;
  const info: Conninfo = new Map();
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && v !== "") info.set(k, String(v));
  };
  put("host", s.Host || s.HostAddr);
  put("port", s.Port);
  put("dbname", s.MaintenanceDB);
  put("user", s.Username);
  put("sslmode", s.SSLMode);
  put("sslcert", s.SSLCert);
  put("sslkey", s.SSLKey);
  put("sslrootcert", s.SSLRootCert);
  put("connect_timeout", s.Timeout);
  for (const [k, v] of Object.entries(params || {})) if (k !== "passfile") put(k, v);
  const entry = fromConninfo(
    index,
    where,
    () => info,
    osUser,
    typeof s.Name === "string" ? s.Name : undefined,
  );
  if (typeof s.Group === "string" && s.Group !== "Servers") entry.group = s.Group;
  const tags = Array.isArray(s.Tags)
    ? s.Tags.flatMap((t) => (typeof t?.text === "string" ? [t.text] : []))
    : [];
  if (tags.length) entry.tags = tags;
  const passFile = (params && params.passfile) || s.PassFile;
  if (typeof passFile === "string" && passFile) entry.passFile = passFile;
  if (typeof s.Service === "string" && s.Service && !s.Host)
    entry.error ??= `${where}: uses service "${s.Service}"; import it from pg_service.conf instead`;
  const ssh = pgAdminTunnel(s);
  if (ssh) entry.ssh = ssh;
  const unknown = Object.keys(s).filter((k) => !PGADMIN_KNOWN.has(k));
  if (unknown.length) entry.warnings.push(`${where}: ${unknown.join(", ")} not used by pgdesk`);
  if (s.Role)
    entry.warnings.push(`${where}: Role "${String(s.Role)}" (SET ROLE after login) is not used by pgdesk`);
  return entry;
}

/** pgAdmin's SSH tunnel: TunnelAuthentication 1 = identity file, else password (asked later). */
function pgAdminTunnel(s: Record<string, unknown>): SshSettings | undefined {
  if (!Number(s.UseSSHTunnel) || typeof s.TunnelHost !== "string" || !s.TunnelHost) return undefined;
  const key = Number(s.TunnelAuthentication) === 1 && typeof s.TunnelIdentityFile === "string";
  return {
    host: s.TunnelHost,
    port: Number(s.TunnelPort) || 22,
    user: typeof s.TunnelUsername === "string" && s.TunnelUsername ? s.TunnelUsername : "root",
    auth: key ? "key" : "password",
    ...(key ? { keyFile: s.TunnelIdentityFile as string } : {}),
  };
}

function fromConninfo(
  index: number,
  where: string,
  read: () => Conninfo,
  osUser: string,
  name: string | undefined,
): ImportEntry {
  try {
    const imported = conninfoToDraft(read(), { user: osUser });
    return {
      index,
      name: name ?? imported.draft.name,
      imported,
      warnings: imported.warnings.map((w) => `${where}: ${w}`),
    };
  } catch (err) {
    return { index, name: name ?? where, error: `${where}: ${(err as Error).message}`, warnings: [] };
  }
}
