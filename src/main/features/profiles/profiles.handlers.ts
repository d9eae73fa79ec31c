import { userInfo } from "node:os";
import { AppError } from "../../../shared/contract";
import { conninfoToDraft, parseConnectionString, toUri } from "../../db/libpq-uri";
import { lookupService, readServiceFiles } from "../../db/service-file";
import type { Handlers } from "../handler-types";
import { testBouncer, testConnection } from "./connect-once";
import type { ConnectionParams } from "../../db/connection-params";
import { checkDraft } from "./profile.store";

const osUser = () => {
  try {
    return userInfo().username;
  } catch {
    return "postgres"; // no passwd entry (containers): libpq would fail, a sensible default is better
  }
};

export const profilesHandlers = {
  "profiles:list": (_input, ctx) => ctx.profiles.list(),

  "profiles:save": async ({ id, draft }, ctx) => {
    const saved = await ctx.profiles.save(id, draft);
    // an edited profile must not keep talking to the old server with the old password
    if (id) await ctx.db.closeProfile(id);
    return saved;
  },

  "profiles:duplicate": ({ id }, ctx) => ctx.profiles.duplicate(id),

  "profiles:delete": async ({ id }, ctx) => {
    await ctx.profiles.delete(id);
    await ctx.db.closeProfile(id);
    return {};
  },

  "profiles:test": async ({ id, draft }, ctx) => {
    if (!id && !draft) throw new AppError("VALIDATION", "Give a saved profile id or a draft to test");
    const saved = id ? await ctx.profiles.connectionParams(id) : undefined;
    const kind = draft ? draft.kind : (await ctx.profiles.get(id!)).kind;
    const test = kind === "pgbouncer" ? testBouncer : testConnection;
    if (!draft) return test(saved!);
    checkDraft(draft);
    const {
      password,
      sshSecret,
      sslPassword,
      ssh,
      name: _name,
      tag: _tag,
      group: _group,
      tags: _tags,
      kind: _kind,
      ...fields
    } = draft;
    const params: ConnectionParams = {
      ...fields,
      ...(password != null
        ? { password }
        : password === undefined && saved?.password !== undefined
          ? { password: saved.password }
          : {}),
      // the saved passphrase only goes with the saved key file it was typed for
      ...(sslPassword != null
        ? { sslPassword }
        : sslPassword === undefined && saved?.sslPassword !== undefined && saved.sslKey === fields.sslKey
          ? { sslPassword: saved.sslPassword }
          : {}),
    };
    if (ssh) {
      const secret = sshSecret != null ? sshSecret : sshSecret === undefined ? saved?.ssh?.secret : undefined;
      params.ssh = { ...ssh, ...(secret !== undefined ? { secret } : {}) };
    }
    return test(await ctx.profiles.withPgpass(params));
  },

  "profiles:parseConnectionString": async ({ text }) => {
    const info = parseConnectionString(text);
    const service = info.get("service");
    if (service !== undefined) {
      const entry = await lookupService(service);
      if (!entry)
        throw new AppError("VALIDATION", `service: definition of service "${service}" not found`, {
          field: "service",
        });
      // the pasted keywords win over the service's
      const merged = new Map([...entry.info, ...info]);
      merged.delete("service");
      return conninfoToDraft(merged, { user: osUser() });
    }
    return conninfoToDraft(info, { user: osUser() });
  },

  "profiles:listServices": async () => {
    const found = await readServiceFiles();
    const services = [];
    const warnings = [...found.warnings];
    for (const s of found.services) {
      try {
        // the list goes to the renderer at once: no service's password rides along; picking one
        // imports it through profiles:parseConnectionString("service=..."), like a paste
        const {
          password: _password,
          sslPassword: _sslPassword,
          ...imported
        } = conninfoToDraft(s.info, { user: osUser() });
        services.push({
          name: s.name,
          file: s.file,
          imported: { ...imported, draft: { ...imported.draft, name: s.name } },
        });
      } catch (err) {
        warnings.push(
          `service "${s.name}" in ${s.file}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return { files: found.files, services, warnings };
  },

  "profiles:exportUri": async ({ id }, ctx) => ({ uri: toUri(await ctx.profiles.get(id)) }),

  "profiles:connectionStatus": async ({ id }, ctx) => {
    await ctx.profiles.get(id); // NOT_FOUND for unknown ids
    return ctx.db.status(id);
  },

  "profiles:retryConnection": async ({ id }, ctx) => {
    await ctx.profiles.get(id);
    return ctx.db.retry(id);
  },
} satisfies Handlers<
  | "profiles:list"
  | "profiles:save"
  | "profiles:duplicate"
  | "profiles:delete"
  | "profiles:test"
  | "profiles:parseConnectionString"
  | "profiles:listServices"
  | "profiles:exportUri"
  | "profiles:connectionStatus"
  | "profiles:retryConnection"
>;
