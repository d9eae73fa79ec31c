/// <reference types="vite/client" />

/** What the Electron preload exposes; absent in a browser (web host). */
interface PgdeskBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

interface Window {
  pgdesk?: PgdeskBridge;
}
