import type { Handlers } from "../../ipc/handler-types";

export const explainHandlers = {} satisfies Handlers<never>;
