import type { Handlers } from "../../ipc/handler-types";

export const schemaHandlers = {} satisfies Handlers<never>;
