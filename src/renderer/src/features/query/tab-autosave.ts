import type { TabPatch, TabSaved } from "../../../../shared/contract/tabs";
import { ApiError } from "../../lib/api-error";
import { patchFor, type EditorTab } from "./tab-state.model";

/** How the saver reaches main; query.queries.ts gives the real one, tests their own. */
export interface TabSaveTransport {
  save(patch: TabPatch): Promise<TabSaved>;
  /** A save sent while the page goes away (keepalive): never answered. */
  saveAsPageLeaves(patch: TabPatch): void;
}

export type SaveState =
  { status: "saved" } | { status: "pending" } | { status: "error"; message: string; retrying: boolean };

export interface AutosaveTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A pause in typing this long saves; typing without pause still saves this often. */
export const SAVE_DEBOUNCE_MS = 300;
export const SAVE_MAX_WAIT_MS = 1_000;
const RETRY_MS = [500, 1_000, 2_000, 5_000];
/** Under the 64 KiB a browser lets a keepalive request carry, with room for the envelope. */
const PAGE_LEAVE_BYTES = 60_000;

interface TabEntry {
  /** What the store holds, as far as an answered save says (undefined: nothing yet). */
  saved: EditorTab | undefined;
  latest: EditorTab;
  /** When the first change not yet sent was made. */
  firstChangeAt: number | undefined;
  timer: unknown;
  /** Saves of the tab run one after another, in order. */
  chain: Promise<void>;
  failures: number;
}

/**
 * Saves editor tabs as the user types: changed fields only, one save in flight per tab (so
 * they land in order), SAVE_DEBOUNCE_MS after the last change and at most SAVE_MAX_WAIT_MS
 * after the first unsaved one. A refused save (over a limit) keeps the text in the page and
 * says why; a failed one (host away) is retried.
 */
export class TabAutosaver {
  private readonly tabs = new Map<string, TabEntry>();

  constructor(
    private readonly transport: TabSaveTransport,
    private readonly onState: (tabId: string, state: SaveState) => void,
    private readonly timers: AutosaveTimers = {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
  ) {}

  /** A tab loaded from the store: saved as it is. */
  loaded(tab: EditorTab): void {
    this.tabs.set(tab.id, this.entry(tab, tab));
  }

  /** The tab changed (or was created): schedules its save. */
  changed(tab: EditorTab): void {
    const e = this.tabs.get(tab.id) ?? this.entry(undefined, tab);
    this.tabs.set(tab.id, e);
    e.latest = tab;
    if (!patchFor(e.saved, tab)) return;
    e.firstChangeAt ??= this.timers.now();
    this.onState(tab.id, { status: "pending" });
    this.schedule(e, SAVE_DEBOUNCE_MS);
  }

  /** The tab was closed: no more saves of it. */
  forget(tabId: string): void {
    const e = this.tabs.get(tabId);
    if (e) this.timers.clearTimeout(e.timer);
    this.tabs.delete(tabId);
  }

  /** Whether some change is not yet acknowledged by main. */
  hasUnsaved(): boolean {
    return [...this.tabs.values()].some((e) => patchFor(e.saved, e.latest) !== undefined);
  }

  /**
   * Whether a change not yet acknowledged is too large for the path that outlives the page
   * (browsers cap a keepalive request at 64 KiB): leaving now would lose it.
   */
  tooLargeToSendAsPageLeaves(): boolean {
    return [...this.tabs.values()].some((e) => {
      const patch = patchFor(e.saved, e.latest);
      return patch !== undefined && JSON.stringify(patch).length > PAGE_LEAVE_BYTES;
    });
  }

  /** Saves every pending change now and waits for the answers. */
  async flush(): Promise<void> {
    for (const e of this.tabs.values()) {
      this.timers.clearTimeout(e.timer);
      await this.send(e);
    }
  }

  /** The page is going away: sends what is not acknowledged, through the path that outlives the page. */
  flushAsPageLeaves(): void {
    for (const e of this.tabs.values()) {
      const patch = patchFor(e.saved, e.latest);
      if (patch) this.transport.saveAsPageLeaves(patch);
    }
  }

  private entry(saved: EditorTab | undefined, latest: EditorTab): TabEntry {
    return {
      saved,
      latest,
      firstChangeAt: undefined,
      timer: undefined,
      chain: Promise.resolve(),
      failures: 0,
    };
  }

  private schedule(e: TabEntry, debounceMs: number): void {
    this.timers.clearTimeout(e.timer);
    const sinceFirst = this.timers.now() - (e.firstChangeAt ?? this.timers.now());
    const wait = Math.max(0, Math.min(debounceMs, SAVE_MAX_WAIT_MS - sinceFirst));
    e.timer = this.timers.setTimeout(() => {
      e.timer = undefined;
      void this.send(e);
    }, wait);
  }

  private send(e: TabEntry): Promise<void> {
    e.chain = e.chain.then(() => this.sendOnce(e));
    return e.chain;
  }

  private async sendOnce(e: TabEntry): Promise<void> {
    if (this.tabs.get(e.latest.id) !== e) return;
    const target = e.latest;
    const patch = patchFor(e.saved, target);
    if (!patch) return;
    e.firstChangeAt = undefined;
    try {
      await this.transport.save(patch);
    } catch (err) {
      this.failed(e, err);
      return;
    }
    this.acknowledged(e, target);
  }

  private acknowledged(e: TabEntry, target: EditorTab): void {
    e.saved = target;
    e.failures = 0;
    if (this.tabs.get(target.id) !== e) return;
    const more = patchFor(e.saved, e.latest);
    if (more) {
      e.firstChangeAt ??= this.timers.now();
      this.schedule(e, 0);
    } else this.onState(target.id, { status: "saved" });
  }

  private failed(e: TabEntry, err: unknown): void {
    if (this.tabs.get(e.latest.id) !== e) return;
    // a refusal (a limit) is final for this text: the next change tries again
    const refused = err instanceof ApiError && err.code === "VALIDATION";
    const message = err instanceof Error ? err.message : String(err);
    this.onState(e.latest.id, { status: "error", message, retrying: !refused });
    if (refused) return;
    e.firstChangeAt ??= this.timers.now();
    const delay = RETRY_MS[Math.min(e.failures++, RETRY_MS.length - 1)]!;
    this.timers.clearTimeout(e.timer);
    e.timer = this.timers.setTimeout(() => void this.send(e), delay);
  }
}
