import type { Handlers } from "../../ipc/handler-types";

export const auditHandlers = {} satisfies Handlers<never>;
