import type { Handlers } from "../handler-types";

export const storeHandlers = {
  "store:status": async (_input, ctx) => (await ctx.store()).status(),
} satisfies Handlers<"store:status">;
