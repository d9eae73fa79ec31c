import type { Handlers } from "../handler-types";

export const appHandlers = {
  "app:info": (_input, ctx) => ({ host: ctx.host, version: ctx.version, platform: process.platform }),
} satisfies Handlers<"app:info">;
