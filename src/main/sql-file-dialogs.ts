import { dialog, type BrowserWindow } from "electron";
import type { SqlFileDialogs } from "./features/handler-types";

const filters = [
  { name: "SQL", extensions: ["sql"] },
  { name: "All files", extensions: ["*"] },
];

/** The desktop's Open and Save dialogs for .sql files, over the main window when there is one. */
export function sqlFileDialogs(window: () => BrowserWindow | undefined): SqlFileDialogs {
  return {
    async open() {
      const options = { title: "Open SQL file", filters, properties: ["openFile" as const] };
      const win = window();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    async save(defaultPath) {
      const options = { title: "Save SQL file", defaultPath, filters };
      const win = window();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? undefined : r.filePath;
    },
  };
}
