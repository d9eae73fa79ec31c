import type { StoreNotice, StoreStatus } from "../../shared/contract/store";
import { storeMigrations } from "../../generated/store/migrations";
import { openStoreClient } from "./client";
import { HistoryRepo } from "./history.repo";
import type { StoreMigration } from "./migrate";
import { PlanHistoryRepo } from "./plan-history.repo";
import { SnippetsRepo } from "./snippets.repo";
import { prepareStore } from "./store-prepare";
import type { StoreLog } from "./store-log";
import { TabsRepo } from "./tabs.repo";
import { TagPoliciesRepo } from "./tag-policies.repo";
import { UiStateRepo } from "./ui-state.repo";

export type { StoreLog } from "./store-log";

/** The app's local store: one repository per model. Opened once per app. */
export interface AppStore {
  readonly path: string;
  readonly tabs: TabsRepo;
  readonly ui: UiStateRepo;
  readonly history: HistoryRepo;
  readonly snippets: SnippetsRepo;
  readonly plans: PlanHistoryRepo;
  readonly tagPolicies: TagPoliciesRepo;
  status(): StoreStatus;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
  log: StoreLog;
  /** Tests pass their own; the app uses the bundled migrations/*.sql. */
  migrations?: readonly StoreMigration[];
  /** Import the JSON files of earlier versions (default true). */
  importLegacy?: boolean;
}

/** Opens `<dataDir>/pgdesk.db`: checked, migrated, earlier JSON data imported. */
export async function openStore(options: OpenStoreOptions): Promise<AppStore> {
  const migrations = options.migrations ?? storeMigrations;
  const prepared = await prepareStore(options.dataDir, migrations, options.log, options.importLegacy ?? true);
  const { db, close } = openStoreClient(prepared.url);
  // Prisma loads and compiles its query compiler (3 MB of WASM, ~0.3 s of main's thread)
  // on the first query: do it now, while the app starts, not after the user's first run
  await db.$queryRaw`SELECT 1`.catch(async (err: unknown) => {
    await close();
    throw err;
  });
  const notices: StoreNotice[] = [...prepared.notices];
  return {
    path: prepared.path,
    tabs: new TabsRepo(db),
    ui: new UiStateRepo(db, options.log),
    history: new HistoryRepo(db),
    snippets: new SnippetsRepo(db),
    plans: new PlanHistoryRepo(db),
    tagPolicies: new TagPoliciesRepo(db, options.log),
    status: () => ({ path: prepared.path, version: prepared.version, notices: [...notices] }),
    close,
  };
}

/**
 * The app's one store, opened on first use. A failed open is not kept: the next call
 * tries again (the file may have been locked by another pgdesk, or the disk full).
 */
export interface StoreHandle {
  get(): Promise<AppStore>;
  close(): Promise<void>;
}

export function storeHandle(open: () => Promise<AppStore>): StoreHandle {
  let opening: Promise<AppStore> | undefined;
  let closed = false;
  return {
    get() {
      if (closed) return Promise.reject(new Error("The app's store is closed (the app is shutting down)"));
      opening ??= open().catch((err: unknown) => {
        opening = undefined;
        throw err;
      });
      return opening;
    },
    async close() {
      closed = true;
      const store = await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}
