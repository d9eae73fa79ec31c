import type { Handlers } from "../handler-types";

/** App-wide UI state (last profile, last page, active tab), restored at start. */
export const uiHandlers = {
  "ui:getState": async (_input, ctx) => (await ctx.store()).ui.get(),
  "ui:setState": async (input, ctx) => (await ctx.store()).ui.set(input),
} satisfies Handlers<"ui:getState" | "ui:setState">;
