import type { Handlers } from "../handler-types";
import { poolerCommand, poolerOverview } from "./pooler.service";

export const poolerHandlers = {
  "pooler:overview": ({ profileId }, ctx) =>
    poolerOverview(profileId, { profiles: ctx.profiles, db: ctx.db }),
  "pooler:command": (input, ctx) => poolerCommand(input, { profiles: ctx.profiles, db: ctx.db }),
} satisfies Handlers<"pooler:overview" | "pooler:command">;
