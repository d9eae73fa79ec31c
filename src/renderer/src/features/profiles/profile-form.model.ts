import type { ApiErrorData } from "../../../../shared/contract/errors";
import type {
  ConnectionTest,
  ImportedDraft,
  Profile,
  ProfileDraft,
} from "../../../../shared/contract/profiles";

/** The form's state: every box as text, as typed. */
export interface ProfileFormState {
  name: string;
  host: string;
  port: string;
  /** Further hosts as typed: "h2:5433, [::1], h3" (no port: the port above). */
  additionalHosts: string;
  /** libpq target_session_attrs; "any" sends nothing. */
  targetSessionAttrs: string;
  loadBalanceRandom: boolean;
  database: string;
  user: string;
  password: string;
  tag: string;
  sslmode: string;
  sslRootCert: string;
  sslCert: string;
  sslKey: string;
  /** Passphrase of an encrypted client key as typed; empty keeps the saved one. */
  sslPassword: string;
  readOnly: boolean;
  connectTimeoutSeconds: string;
  applicationName: string;
  group: string;
  /** Free tags as typed, comma-separated. */
  tags: string;
  /** postgres, or pgbouncer (the admin console). */
  kind: "postgres" | "pgbouncer";
  sshEnabled: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshAuth: "agent" | "key" | "password";
  sshKeyFile: string;
  /** SSH password or key passphrase as typed; empty keeps the saved one. */
  sshSecret: string;
  sshHostKey: string;
}

export function initialFormState(existing?: Profile): ProfileFormState {
  return {
    name: existing?.name ?? "",
    host: existing?.host ?? "localhost",
    port: String(existing?.port ?? 5432),
    additionalHosts: formatHostList(existing?.additionalHosts),
    targetSessionAttrs: existing?.targetSessionAttrs ?? "any",
    loadBalanceRandom: existing?.loadBalanceHosts === "random",
    database: existing?.database ?? "postgres",
    user: existing?.user ?? "postgres",
    password: "",
    tag: existing?.tag ?? "",
    sslmode: existing?.sslmode ?? "prefer",
    sslRootCert: existing?.sslRootCert ?? "",
    sslCert: existing?.sslCert ?? "",
    sslKey: existing?.sslKey ?? "",
    sslPassword: "",
    readOnly: existing?.readOnly ?? false,
    connectTimeoutSeconds: existing?.connectTimeoutSeconds ? String(existing.connectTimeoutSeconds) : "",
    applicationName: existing?.applicationName ?? "",
    group: existing?.group ?? "",
    tags: (existing?.tags ?? []).join(", "),
    kind: existing?.kind ?? "postgres",
    sshEnabled: Boolean(existing?.ssh),
    sshHost: existing?.ssh?.host ?? "",
    sshPort: String(existing?.ssh?.port ?? 22),
    sshUser: existing?.ssh?.user ?? "",
    sshAuth: existing?.ssh?.auth ?? "key",
    sshKeyFile: existing?.ssh?.keyFile ?? "",
    sshSecret: "",
    sshHostKey: existing?.ssh?.hostKey ?? "",
  };
}

/** Fills the form from a pasted URI / service; fields the import does not set keep their value. */
export function applyImport(form: ProfileFormState, imported: ImportedDraft): ProfileFormState {
  const d = imported.draft;
  return {
    ...form,
    name: form.name || d.name,
    host: d.host,
    port: String(d.port),
    additionalHosts: formatHostList(d.additionalHosts),
    targetSessionAttrs: d.targetSessionAttrs ?? "any",
    loadBalanceRandom: d.loadBalanceHosts === "random",
    database: d.database,
    user: d.user,
    password: imported.password ?? form.password,
    sslPassword: imported.sslPassword ?? form.sslPassword,
    sslmode: d.sslmode ?? "prefer",
    sslRootCert: d.sslRootCert ?? "",
    sslCert: d.sslCert ?? "",
    sslKey: d.sslKey ?? "",
    readOnly: d.readOnly ?? form.readOnly,
    connectTimeoutSeconds: d.connectTimeoutSeconds ? String(d.connectTimeoutSeconds) : "",
    applicationName: d.applicationName ?? "",
  };
}

/** What is sent to main; main validates all of it again. */
export function toDraft(form: ProfileFormState, existing?: Profile): ProfileDraft {
  const opt = (v: string) => (v.trim() === "" ? undefined : v.trim());
  const draft: ProfileDraft = {
    name: form.name,
    host: form.host,
    port: Number(form.port),
    database: form.database,
    user: form.user,
    // an empty box on an existing profile keeps the stored password
    ...(form.password ? { password: form.password } : existing ? {} : { password: null }),
  };
  const moreHosts = parseHostList(form.additionalHosts, Number(form.port));
  if (moreHosts.length) draft.additionalHosts = moreHosts;
  if (form.targetSessionAttrs && form.targetSessionAttrs !== "any") {
    draft.targetSessionAttrs = form.targetSessionAttrs as ProfileDraft["targetSessionAttrs"];
  }
  if (form.loadBalanceRandom && moreHosts.length) draft.loadBalanceHosts = "random";
  // the passphrase belongs to the key file: typed one wins, an empty box keeps the saved one
  if (form.sslPassword && form.sslKey.trim()) draft.sslPassword = form.sslPassword;
  const more: Partial<ProfileDraft> = {
    tag: (opt(form.tag) as ProfileDraft["tag"]) ?? undefined,
    sslmode: form.sslmode as ProfileDraft["sslmode"],
    sslRootCert: opt(form.sslRootCert),
    sslCert: opt(form.sslCert),
    sslKey: opt(form.sslKey),
    readOnly: form.readOnly || undefined,
    connectTimeoutSeconds: opt(form.connectTimeoutSeconds) ? Number(form.connectTimeoutSeconds) : undefined,
    applicationName: opt(form.applicationName),
    group: opt(form.group),
    kind: form.kind === "pgbouncer" ? "pgbouncer" : undefined,
  };
  const tags = parseTags(form.tags);
  if (tags.length) draft.tags = tags;
  for (const [k, v] of Object.entries(more)) if (v !== undefined) (draft as Record<string, unknown>)[k] = v;
  if (form.sshEnabled) {
    draft.ssh = {
      host: form.sshHost,
      port: Number(form.sshPort),
      user: form.sshUser,
      auth: form.sshAuth,
      ...(form.sshAuth === "key" && opt(form.sshKeyFile) ? { keyFile: form.sshKeyFile.trim() } : {}),
      ...(opt(form.sshHostKey) ? { hostKey: form.sshHostKey.trim() } : {}),
    };
    if (form.sshSecret && form.sshAuth !== "agent") draft.sshSecret = form.sshSecret;
  } else if (existing?.hasSshSecret) {
    draft.sshSecret = null;
  }
  return draft;
}

/** What answered a test: "PostgreSQL 15.4", or PgBouncer's own "PgBouncer 1.18.0". */
export function serverWords(version: string): string {
  return version.startsWith("PgBouncer") ? version : `PostgreSQL ${version}`;
}

/** "eu, billing,  eu" -> ["eu", "billing"]: trimmed, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** "h2:5433, [::1]:5434, h3" -> host/port pairs; a host without a port gets `defaultPort`. */
export function parseHostList(text: string, defaultPort: number): Array<{ host: string; port: number }> {
  const out: Array<{ host: string; port: number }> = [];
  for (const raw of text.split(/[,\s]+/)) {
    const part = raw.trim();
    if (!part) continue;
    const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(part);
    const [host, port] = v6
      ? [v6[1]!, v6[2]]
      : part.includes(":")
        ? [part.slice(0, part.lastIndexOf(":")), part.slice(part.lastIndexOf(":") + 1)]
        : [part, undefined];
    // an unreadable port goes to main as NaN (sent as null), which names the field
    out.push({
      host,
      port: port === undefined || port === "" ? defaultPort : /^\d+$/.test(port) ? Number(port) : Number.NaN,
    });
  }
  return out;
}

export function formatHostList(hosts: Array<{ host: string; port: number }> | undefined): string {
  return (hosts ?? []).map((h) => formatHostPort(h.host, h.port)).join(", ");
}

/** "host:port", an IPv6 address in brackets as libpq and URIs write it. */
export function formatHostPort(host: string, port: number | undefined): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port ?? ""}`;
}

/** The key=value string that imports one pg_service.conf entry (quotes and backslashes escaped). */
export function serviceConnectionString(name: string): string {
  return `service='${name.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** What a failed test or save says about the form: the field main named, and an SSH key it was shown. */
export interface FormProblem {
  /** The field as the form names it ("port", "ssh.hostKey"), without main's "draft." prefix. */
  field?: string | undefined;
  /** The fingerprint the SSH server presented when it did not match the trusted one. */
  presentedKey?: string | undefined;
}

export function formProblem(error: ApiErrorData | undefined): FormProblem {
  if (!error) return {};
  const field = error.field?.replace(/^draft\./, "");
  return { field, presentedKey: field === "ssh.hostKey" ? error.detail : undefined };
}

/** Whether the problem is about this field or one inside it ("ssh" covers "ssh.port"). */
export function isFieldInvalid(problem: FormProblem, name: string): boolean {
  return problem.field === name || (problem.field?.startsWith(`${name}.`) ?? false);
}

/** How a tested session is protected, in the words the result line uses. */
export function tlsSummary(tls: NonNullable<ConnectionTest["tls"]>): string {
  if (!tls.encrypted) return "not encrypted";
  return `TLS, certificate ${tls.verified === "none" ? "not verified" : `verified (${tls.verified})`}`;
}
