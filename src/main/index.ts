import { app, BrowserWindow, dialog, session, shell } from "electron";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createAppContext } from "./app-context";
import { startBackgroundServices } from "./app-startup";
import type { SqlFileDialogs } from "./features/handler-types";
import { KeyFileSecretStore } from "./features/profiles/secret-store";
import { EVENT_CHANNEL, registerElectronIpc, sendEvent } from "./ipc/electron";
import { registry } from "./ipc/registry";
import { createConsoleLogger } from "./logger";
import { safeStorageSecretStore } from "./safe-storage-secret-store";
import { createMainWindow, isExternalLinkAllowed } from "./window-options";

const log = createConsoleLogger();
let mainWindow: BrowserWindow | undefined;

const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by electron-vite dev only
const rendererFile = join(import.meta.dirname, "../renderer/index.html");
const isOwnPage = (url: string) =>
  rendererUrl ? url.startsWith(rendererUrl) : url.startsWith(pathToFileURL(rendererFile).href);

function createWindow(): BrowserWindow {
  const win = createMainWindow(BrowserWindow, join(import.meta.dirname, "../preload/index.cjs"));
  win.once("ready-to-show", () => win.show());
  win.webContents.on("will-navigate", (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  win.webContents.on("will-attach-webview", (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void confirmExternal(win, url);
    return { action: "deny" };
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
  return win;
}

async function confirmExternal(win: BrowserWindow, url: string): Promise<void> {
  const { response } = await dialog.showMessageBox(win, {
    type: "question",
    buttons: ["Open in browser", "Cancel"],
    defaultId: 1,
    cancelId: 1,
    message: "Open this link in your browser?",
    detail: url,
  });
  // isExternalLinkAllowed() admitted only http(s), and the user confirmed this exact URL
  if (response === 0 && isExternalLinkAllowed(url)) await shell.openExternal(url);
}

const sqlFilters = [
  { name: "SQL", extensions: ["sql"] },
  { name: "All files", extensions: ["*"] },
];

/** The desktop's Open and Save dialogs for .sql files, over the main window when there is one. */
const sqlFileDialogs: SqlFileDialogs = {
  async open() {
    const options = { title: "Open SQL file", filters: sqlFilters, properties: ["openFile" as const] };
    const r = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options);
    return r.canceled ? undefined : r.filePaths[0];
  },
  async save(defaultPath) {
    const options = { title: "Save SQL file", defaultPath, filters: sqlFilters };
    const r = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options);
    return r.canceled ? undefined : r.filePath;
  },
};

app
  .whenReady()
  .then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    const dataDir = app.getPath("userData");
    const secrets = safeStorageSecretStore() ?? new KeyFileSecretStore(join(dataDir, "secret.key"));
    if (secrets.kind === "key file")
      log.warn("OS keychain unavailable: secrets are sealed with a local key file");
    const ctx = createAppContext({
      host: "electron",
      version: app.getVersion(),
      dataDir,
      log,
      secrets,
      emit: (event, payload) => sendEvent(mainWindow?.webContents, event, payload),
      pickFolder: async (title) => {
        const options = {
          title,
          properties: ["openDirectory", "createDirectory"] as Array<"openDirectory" | "createDirectory">,
        };
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? undefined : result.filePaths[0];
      },
      sqlFileDialogs,
    });
    registerElectronIpc(registry, ctx, isOwnPage, !app.isPackaged);
    startBackgroundServices(ctx);
    mainWindow = createWindow();
    app.on("activate", () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
    app.on("before-quit", () => void ctx.shutdown());
    log.info(`events on ${EVENT_CHANNEL}`);
  })
  .catch((err: unknown) => {
    log.error("startup failed", err);
    app.exit(1);
  });

app.on("web-contents-created", (_event, contents) => {
  contents.on("will-navigate", (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
});

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});
