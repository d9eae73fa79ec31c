import type { Handlers } from "../../ipc/handler-types";

export const demoHandlers = {} satisfies Handlers<never>;
