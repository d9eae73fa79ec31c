import type { Handlers } from "../handler-types";
import { listPolicies, savePolicy } from "./safeguards.service";

/** The query editor's safeguards per environment tag (main enforces them on every run). */
export const safeguardsHandlers = {
  "safeguards:list": (_input, ctx) => listPolicies(ctx),
  "safeguards:save": ({ tag, policy }, ctx) => savePolicy(ctx, tag, policy),
} satisfies Handlers<"safeguards:list" | "safeguards:save">;
