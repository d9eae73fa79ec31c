import type { Handlers } from "../../ipc/handler-types";

export const activityHandlers = {} satisfies Handlers<never>;
