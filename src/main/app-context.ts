import { join } from "node:path";
import { ConnectionManager } from "./db/connection-manager";
import { ProfileStore } from "./features/profiles/profile.store";
import type { SecretStore } from "./features/profiles/secret-store";
import type { Emit } from "./ipc/handler-types";
import type { Logger } from "./logger";
import { AppError } from "../shared/contract";
import { openStore, storeHandle, type AppStore } from "./store/store";

/** The services every handler can reach. Built once per host. */
export interface AppContext {
  host: "electron" | "web";
  version: string;
  dataDir: string;
  log: Logger;
  secrets: SecretStore;
  profiles: ProfileStore;
  db: ConnectionManager;
  /**
   * The app's local store (tabs, history, snippets, ...), opened on first use and closed
   * at shutdown. Rejects with the reason when it cannot be opened.
   */
  store(): Promise<AppStore>;
  emit: Emit;
  /**
   * One instance per app of a feature's long-lived service (job queues, samplers,
   * the demo server). Handlers get a per-call copy of the context, so features must
   * keep such state here, not keyed by the context object.
   */
  singleton<T>(key: string, create: () => T): T;
  /** Native folder picker; only the Electron host has one (the web host takes typed paths). */
  pickFolder?: (title: string) => Promise<string | undefined>;
  /** Called when the host shuts down; services register their cleanup here. */
  onShutdown(fn: () => Promise<void> | void): void;
  shutdown(): Promise<void>;
}

export interface AppContextOptions {
  host: AppContext["host"];
  version: string;
  dataDir: string;
  log: Logger;
  secrets: SecretStore;
  emit: Emit;
  pickFolder?: AppContext["pickFolder"];
}

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
