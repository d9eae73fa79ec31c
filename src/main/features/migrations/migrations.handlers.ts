import type { Handlers } from "../../ipc/handler-types";

export const migrationsHandlers = {} satisfies Handlers<never>;
