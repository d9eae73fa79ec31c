import { UiState, type UiStateKey } from "../../shared/contract/ui";
import type { StoreClient } from "./client";
import type { StoreLog } from "./store-log";

const keys = Object.keys(UiState.shape) as UiStateKey[];

/** App-wide UI state, one row per key. */
export class UiStateRepo {
  constructor(
    private readonly db: StoreClient,
    private readonly log: StoreLog,
  ) {}

  /** Every key; a key never set, or no longer readable, is null. */
  async get(): Promise<UiState> {
    const rows = await this.db.uiState.findMany();
    const state = Object.fromEntries(keys.map((k) => [k, null])) as Record<UiStateKey, unknown>;
    for (const row of rows) {
      if (!(keys as string[]).includes(row.key)) continue; // a newer pgdesk's key
      const key = row.key as UiStateKey;
      const parsed = UiState.shape[key].safeParse(parseOrUndefined(row.value));
      if (parsed.success) state[key] = parsed.data;
      else this.log.warn(`store: UI state "${key}" could not be read back; it was reset`);
    }
    return state as UiState;
  }

  /** Sets the keys given (null deletes one) in one transaction, and answers the whole state. */
  async set(patch: Partial<UiState>): Promise<UiState> {
    const updatedAt = new Date();
    const writes = Object.entries(patch).map(([key, value]) =>
      value === null
        ? this.db.uiState.deleteMany({ where: { key } })
        : this.db.uiState.upsert({
            where: { key },
            create: { key, value: JSON.stringify(value), updatedAt },
            update: { value: JSON.stringify(value), updatedAt },
          }),
    );
    if (writes.length === 1) await writes[0];
    else if (writes.length > 1) await this.db.$transaction(writes);
    return this.get();
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // reported by the caller as unreadable
  }
}
