import type { Handlers } from "../../ipc/handler-types";

export const backupHandlers = {} satisfies Handlers<never>;
