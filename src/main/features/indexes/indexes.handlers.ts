import type { Handlers } from "../../ipc/handler-types";

export const indexesHandlers = {} satisfies Handlers<never>;
