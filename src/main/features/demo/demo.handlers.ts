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
  "demo:start": (_input, ctx) => demoService(ctx).start(),
  "demo:stop": (_input, ctx) => demoService(ctx).stopByUser(),
  "demo:reset": (_input, ctx) => demoService(ctx).reset(),
  "demo:credentials": (_input, ctx) => demoService(ctx).credentials(),
} satisfies Handlers<
  | "demo:status"
  | "demo:create"
  | "demo:cancel"
  | "demo:remove"
  | "demo:start"
  | "demo:stop"
  | "demo:reset"
  | "demo:credentials"
>;
