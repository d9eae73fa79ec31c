import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppContext } from "../../src/main/app-context";
import type { AppContext } from "../../src/main/features/handler-types";
import { KeyFileSecretStore } from "../../src/main/features/profiles/secret-store";
import { dispatch } from "../../src/main/ipc/dispatch";
import type { Emit, HandlerMap } from "../../src/main/features/handler-types";
import { registry } from "../../src/main/ipc/registry";
import { startWebHost, type WebHost } from "../../src/main/ipc/web";
import { createMemoryLogger, type Logger } from "../../src/main/logger";
import { useFixture } from "./fixture";
import type {
  CallResult,
  ChannelName,
  InputOf,
  OutputOf,
  PayloadOf,
  EventName,
} from "../../src/shared/contract";

export interface EmittedEvent {
  event: string;
  payload: unknown;
}

export interface TestApp {
  ctx: AppContext;
  dataDir: string;
  events: EmittedEvent[];
  log: ReturnType<typeof createMemoryLogger>;
  /** Calls a channel through the registry exactly as a host does (validation included). */
  call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  raw(channel: unknown, input: unknown): Promise<CallResult<unknown>>;
  waitForEvent<E extends EventName>(
    event: E,
    match?: (p: PayloadOf<E>) => boolean,
    timeoutMs?: number,
  ): Promise<PayloadOf<E>>;
  close(): Promise<void>;
}

/** createTestApp() for the tests of the enclosing describe: made before them, closed after them. */
export function useTestApp(): TestApp {
  return useFixture(
    () => createTestApp(),
    (app) => app.close(),
  );
}

/**
 * The app's services as both hosts build them, on a temp data folder (or on `dataDir`, to
 * restart the app on the same data: then close() leaves the folder in place).
 */
export async function createTestApp(options: { dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "pgdesk-app-")));
  const log = createMemoryLogger();
  const events: EmittedEvent[] = [];
  const waiters = new Set<() => void>();
  const emit: Emit = (event, payload) => {
    events.push({ event, payload });
    waiters.forEach((w) => w());
  };
  const ctx = createAppContext({
    host: "web",
    version: "test",
    dataDir,
    log,
    secrets: new KeyFileSecretStore(join(dataDir, "secret.key")),
    emit,
  });
  const raw = (channel: unknown, input: unknown) =>
    dispatch(registry, { ...ctx, signal: new AbortController().signal }, channel, input, {
      validateOutput: true,
    });
  return {
    ctx,
    dataDir,
    events,
    log,
    raw,
    async call(channel, input) {
      const result = await raw(channel, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
      return result.value as never;
    },
    waitForEvent(event, match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < events.length; seen++) {
            const e = events[seen]!;
            if (e.event === event && (!match || match(e.payload as never))) {
              cleanup();
              resolve(e.payload as never);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`event ${event} did not arrive within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      await ctx.shutdown();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The web host (HTTP + WebSocket in this process, API only) with the given handlers, on a temp
 * data folder, for the tests of the enclosing describe: started before them, closed after them.
 */
export function useTestWebHost(registry: HandlerMap, log: Logger): WebHost {
  let dataDir = "";
  return useFixture(
    async () => {
      dataDir = await mkdtemp(join(tmpdir(), "pgdesk-webhost-"));
      return startWebHost({
        registry,
        log,
        createContext: (emit) =>
          createAppContext({
            host: "web",
            version: "test",
            dataDir,
            log,
            emit,
            secrets: new KeyFileSecretStore(join(dataDir, "k")),
          }),
      });
    },
    async (host) => {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  );
}
