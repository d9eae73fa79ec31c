import { resolve } from "node:path";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";
import { channelNames, eventNames } from "./src/shared/contract";

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, "src/main/index.ts"),
          web: resolve(import.meta.dirname, "src/main/web.ts"),
        },
      },
    },
  },
  preload: {
    define: {
      __PGDESK_CHANNELS__: JSON.stringify(channelNames),
      __PGDESK_EVENTS__: JSON.stringify(eventNames),
    },
    build: {
      // a sandboxed preload can only be CommonJS with nothing to require but electron
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, "src/preload/index.ts") },
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, "src/renderer"),
    plugins: [react(), tailwindcss()],
    worker: { format: "es" },
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, "src/renderer/index.html") } },
    },
  },
});
