import type { Handlers } from "../../ipc/handler-types";

export const queryHandlers = {} satisfies Handlers<never>;
