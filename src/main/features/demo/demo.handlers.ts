import type { Handlers } from "../handler-types";
import { demoService } from "./demo.service";

export const demoHandlers = {
  "demo:status": (_input, ctx) => demoService(ctx).status(),
  "demo:create": ({ size }, ctx) => demoService(ctx).create(size ?? "demo"),
  "demo:cancel": (_input, ctx) => {
    demoService(ctx).cancel();
    return {};
  },
  "demo:remove": (_input, ctx) => demoService(ctx).remove(),
} satisfies Handlers<"demo:status" | "demo:create" | "demo:cancel" | "demo:remove">;
