import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from "electron";

type BrowserWindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the main window. The options are a literal at the `new BrowserWindow` call
 * so static checkers (electronegativity) see them, and the constructor is a parameter
 * so tests can read exactly what the app builds without starting Electron.
 */
export function createMainWindow<W = ElectronBrowserWindow>(
  BrowserWindow: BrowserWindowClass<W>,
  preloadPath: string,
): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: "pgdesk",
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // middle-click would otherwise open links in new windows, around setWindowOpenHandler
      disableBlinkFeatures: "Auxclick",
    },
  });
}

/** Only these leave the app, and only after the user confirms. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
}
