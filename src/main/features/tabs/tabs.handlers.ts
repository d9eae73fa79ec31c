import type { Handlers } from "../handler-types";

/** Query editor tabs in the app's store (the renderer saves as the user types). */
export const tabsHandlers = {
  "tabs:list": async (_input, ctx) => (await ctx.store()).tabs.list(),
  "tabs:save": async (input, ctx) => (await ctx.store()).tabs.save(input),
  "tabs:close": async ({ id }, ctx) => {
    await (await ctx.store()).tabs.close(id);
    return {};
  },
  "tabs:reorder": async ({ ids }, ctx) => (await ctx.store()).tabs.reorder(ids),
} satisfies Handlers<"tabs:list" | "tabs:save" | "tabs:close" | "tabs:reorder">;
