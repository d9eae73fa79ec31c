import type { Handlers } from "../../ipc/handler-types";

export const healthHandlers = {} satisfies Handlers<never>;
