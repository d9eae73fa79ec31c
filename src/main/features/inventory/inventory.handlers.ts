import { userInfo } from "node:os";
import type { Handlers } from "../handler-types";
import { importEntries, readEntries, toCandidate } from "./inventory.service";

/** libpq's default user: the OS user (or postgres where there is no passwd entry, as in containers). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "postgres";
  }
}

export const inventoryHandlers = {
  "inventory:preview": async ({ source, text }, ctx) => {
    const read = await readEntries(source, text, osUser());
    const existing = await ctx.profiles.list();
    return {
      candidates: read.entries.map((e) => toCandidate(e, existing)),
      files: read.files,
      warnings: read.warnings,
    };
  },

  "inventory:import": async (input, ctx) =>
    importEntries(input, await readEntries(input.source, input.text, osUser()), ctx.profiles),

  "inventory:label": ({ ids, group, addTags = [], removeTags = [] }, ctx) =>
    ctx.profiles.update(ids, (p) => {
      const tags = [...new Set([...(p.tags ?? []), ...addTags])].filter((t) => !removeTags.includes(t));
      return { group: group === null ? undefined : (group ?? p.group), tags };
    }),
} satisfies Handlers<"inventory:preview" | "inventory:import" | "inventory:label">;
