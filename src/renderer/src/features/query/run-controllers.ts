import { RunController, type RunTransport } from "./run-controller";

/** The controllers of the open editor tabs, by tab; events from main find theirs by session. */
export class RunControllers {
  private readonly byTab = new Map<string, RunController>();

  constructor(private readonly transport: RunTransport) {}

  /** The controller of an editor tab (created on first use, kept while the tab is open). */
  forTab(tabId: string, profileId: string, database?: string): RunController {
    let c = this.byTab.get(tabId);
    if (!c) {
      c = new RunController(tabId, profileId, this.transport, database);
      this.byTab.set(tabId, c);
    }
    return c;
  }

  /** The controller of a tab, if it was ever shown. */
  get(tabId: string): RunController | undefined {
    return this.byTab.get(tabId);
  }

  /** The controllers of a profile's tabs. */
  ofProfile(profileId: string): RunController[] {
    return [...this.byTab.values()].filter((c) => c.profileId === profileId);
  }

  /** Tabs of a profile (all profiles: undefined) whose session holds an open transaction. */
  withOpenTransaction(profileId?: string): RunController[] {
    return [...this.byTab.values()].filter(
      (c) => c.inTransaction && (profileId === undefined || c.profileId === profileId),
    );
  }

  bySession(sessionId: string): RunController | undefined {
    for (const c of this.byTab.values()) if (c.session?.sessionId === sessionId) return c;
    return undefined;
  }

  /** Sessions still open, to close as the page goes away. */
  openSessions(): string[] {
    return [...this.byTab.values()].flatMap((c) => (c.session ? [c.session.sessionId] : []));
  }

  async close(tabId: string): Promise<void> {
    const c = this.byTab.get(tabId);
    this.byTab.delete(tabId);
    await c?.close();
  }
}
