import { join } from "node:path";
import { ConnectionManager } from "./db/connection-manager";
import { ProfileStore } from "./features/profiles/profile.store";
import type { AppContext, Emit, SqlFileDialogs } from "./features/handler-types";
import type { SecretStore } from "./features/profiles/secret-store";
import type { Logger } from "./logger";
import { AppError } from "../shared/contract";
import { openStore, storeHandle } from "./store/store";

/** What a host knows before the services exist. */
export interface AppContextOptions {
  host: AppContext["host"];
  version: string;
  dataDir: string;
  log: Logger;
  secrets: SecretStore;
  emit: Emit;
  pickFolder?: AppContext["pickFolder"];
  sqlFileDialogs?: SqlFileDialogs;
}

/**
 * The composition root: builds the services every handler reaches (the AppContext type
 * lives in features/handler-types.ts, which the features import).
 */
export function createAppContext(options: AppContextOptions): AppContext {
  const profiles = new ProfileStore(options.dataDir, options.secrets, options.log);
  const db = new ConnectionManager({
    resolve: (id) => profiles.connectionParams(id),
    log: options.log,
    onStateChange: (status) => options.emit("connection:didChangeState", status),
  });
  const store = storeHandle(() =>
    openStore({ dataDir: options.dataDir, log: options.log }).catch((err: unknown) => {
      options.log.error("the app's local store could not be opened", err);
      throw new AppError("INTERNAL", `The app's local store could not be opened: ${(err as Error).message}`);
    }),
  );
  // the store closes last: services shutting down may still write to it
  const cleanups: Array<() => Promise<void> | void> = [() => store.close(), () => db.closeAll()];
  const singletons = new Map<string, unknown>();
  return {
    ...options,
    profiles,
    db,
    store: () => store.get(),
    singleton: <T>(key: string, create: () => T): T => {
      if (!singletons.has(key)) singletons.set(key, create());
      return singletons.get(key) as T;
    },
    onShutdown: (fn) => void cleanups.push(fn),
    shutdown: async () => {
      // newest first: later services may depend on earlier ones (e.g. the pools)
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          options.log.error("shutdown step failed", err);
        }
      }
    },
  };
}

export function defaultDataDir(): string {
  if (process.env.PGDESK_DATA_DIR) return process.env.PGDESK_DATA_DIR;
  const home = process.env.HOME ?? process.env.USERPROFILE ?? ".";
  if (process.platform === "win32") return join(process.env.APPDATA ?? home, "pgdesk");
  if (process.platform === "darwin") return join(home, "Library", "Application Support", "pgdesk");
  return join(process.env.XDG_CONFIG_HOME ?? join(home, ".config"), "pgdesk");
}
