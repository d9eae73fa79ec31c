/*
 * What a feature handler receives and must return: the app's services (AppContext), the
 * per-call context, the handler map typed from the contract, and the event emitter.
 *
 * Why here, at the top of the features layer, and not in ipc/ or in src/shared/contract:
 * every feature imports these types, so they cannot live in a host (ipc/, the entries,
 * the composition root) without an arrow pointing up; and AppContext names main's
 * services (ProfileStore, ConnectionManager, Logger), which src/shared may not import.
 * The hosts implement these types (app-context.ts builds an AppContext, ipc/ calls the
 * handlers), so every arrow points down: hosts -> features -> db/store -> shared.
 */
import type { ChannelName, EventName, OutputOf, ParsedInputOf, PayloadOf } from "../../shared/contract";
import type { ConnectionManager } from "../db/connection-manager";
import type { Logger } from "../logger";
import type { AppStore } from "../store/store";
import type { ProfileStore } from "./profiles/profile.store";
import type { SecretStore } from "./profiles/secret-store";

export type Emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

/** The services every handler can reach. Built once per host (see src/main/app-context.ts). */
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
  /** Native Open/Save dialogs for .sql files; only the Electron host has them (the page downloads and reads files itself). */
  sqlFileDialogs?: SqlFileDialogs;
  /** Called when the host shuts down; services register their cleanup here. */
  onShutdown(fn: () => Promise<void> | void): void;
  shutdown(): Promise<void>;
}

export interface SqlFileDialogs {
  /** The file the user chose to open, or undefined when cancelled. */
  open(): Promise<string | undefined>;
  /** Where the user chose to save (starting at `defaultPath`), or undefined when cancelled. */
  save(defaultPath: string): Promise<string | undefined>;
}

/** Per-call context: the app's services plus who is calling. */
export interface CallContext extends AppContext {
  /** Aborted when the caller goes away (window closed, socket dropped). */
  signal: AbortSignal;
}

export type Handler<C extends ChannelName> = (
  input: ParsedInputOf<C>,
  ctx: CallContext,
) => Promise<OutputOf<C>> | OutputOf<C>;

/** A handler map for some channels; `satisfies Handlers<"a:b" | "a:c">` checks each one. */
export type Handlers<K extends ChannelName> = { [C in K]: Handler<C> };

/** The complete map: a missing or mistyped handler is a compile error. */
export type HandlerMap = Handlers<ChannelName>;
