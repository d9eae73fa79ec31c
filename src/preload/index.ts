import { contextBridge, ipcRenderer } from "electron";

// Injected at build time from the contract (electron.vite.config.ts), so this file
// has no dependencies and cannot forward a channel the contract does not name.
declare const __PGDESK_CHANNELS__: readonly string[];
declare const __PGDESK_EVENTS__: readonly string[];

const channels = new Set(__PGDESK_CHANNELS__);
const events = new Set(__PGDESK_EVENTS__);
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on("pgdesk:event", (_e, event: string, payload: unknown) => {
  listeners.get(event)?.forEach((cb) => cb(payload));
});

contextBridge.exposeInMainWorld("pgdesk", {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: "UNKNOWN_CHANNEL", message: `Unknown channel: ${channel}` },
      });
    }
    return ipcRenderer.invoke("pgdesk:invoke", channel, input);
  },
  on(event: string, cb: Listener): () => void {
    if (!events.has(event) || typeof cb !== "function") throw new Error(`Unknown event: ${event}`);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(cb);
    listeners.set(event, set);
    return () => set.delete(cb);
  },
});
