import type { ImportedDraft, Profile, ProfileDraft } from "../../../../shared/contract/profiles";

/** The form's state: every box as text, as typed. */
export interface ProfileFormState {
  name: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  tag: string;
  sslmode: string;
  sslRootCert: string;
  sslCert: string;
  sslKey: string;
  readOnly: boolean;
  connectTimeoutSeconds: string;
  applicationName: string;
  group: string;
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
    database: existing?.database ?? "postgres",
    user: existing?.user ?? "postgres",
    password: "",
    tag: existing?.tag ?? "",
    sslmode: existing?.sslmode ?? "prefer",
    sslRootCert: existing?.sslRootCert ?? "",
    sslCert: existing?.sslCert ?? "",
    sslKey: existing?.sslKey ?? "",
    readOnly: existing?.readOnly ?? false,
    connectTimeoutSeconds: existing?.connectTimeoutSeconds ? String(existing.connectTimeoutSeconds) : "",
    applicationName: existing?.applicationName ?? "",
    group: existing?.group ?? "",
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
    database: d.database,
    user: d.user,
    password: imported.password ?? form.password,
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
  };
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
