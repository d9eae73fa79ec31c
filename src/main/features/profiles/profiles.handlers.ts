import { AppError } from "../../../shared/contract";
import type { Handlers } from "../../ipc/handler-types";
import { testConnection } from "./connect-once";

export const profilesHandlers = {
  "profiles:list": (_input, ctx) => ctx.profiles.list(),

  "profiles:save": async ({ id, draft }, ctx) => {
    const saved = await ctx.profiles.save(id, draft);
    // an edited profile must not keep talking to the old server with the old password
    if (id) await ctx.db.closeProfile(id);
    return saved;
  },

  "profiles:delete": async ({ id }, ctx) => {
    await ctx.profiles.delete(id);
    await ctx.db.closeProfile(id);
    return {};
  },

  "profiles:test": async ({ id, draft }, ctx) => {
    if (!id && !draft) throw new AppError("VALIDATION", "Give a saved profile id or a draft to test");
    const saved = id ? await ctx.profiles.connectionParams(id) : undefined;
    const params = draft
      ? {
          host: draft.host,
          port: draft.port,
          database: draft.database,
          user: draft.user,
          ...(draft.password != null ? { password: draft.password }
            : draft.password === undefined && saved?.password !== undefined ? { password: saved.password }
            : {}),
        }
      : saved!;
    return testConnection(params);
  },
} satisfies Handlers<"profiles:list" | "profiles:save" | "profiles:delete" | "profiles:test">;
