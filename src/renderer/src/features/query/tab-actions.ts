import { TAB_LIMITS } from "../../../../shared/contract/tabs";
import { ask } from "../../components/ask.store";
import { runControllers, sqlFiles } from "./query.queries";
import { useQueryTabs } from "./query-tabs.store";
import {
  fileNameFor,
  hasUnkeptText,
  moveBy,
  moveOnto,
  titleFromFileName,
  type EditorTab,
} from "./tab-state.model";
import { endTransactionAsked } from "./transaction-questions";

const tabOf = (id: string) => useQueryTabs.getState().tabs.find((t) => t.id === id);

/**
 * Closes a tab, asking first when something would be lost: an open transaction (commit or
 * roll back), or text that was neither run as it stands nor saved to a file.
 */
export async function closeTab(id: string): Promise<boolean> {
  const tab = tabOf(id);
  if (!tab) return true;
  const controller = runControllers.get(id);
  if (controller?.inTransaction && !(await endTransactionAsked(controller, tab.title, "close"))) return false;
  if (hasUnkeptText(tab)) {
    const choice = await ask({
      title: `Close ${tab.title}?`,
      body: "Its text was never run as it stands nor saved to a file. Closing the tab forgets it.",
      choices: [
        { id: "cancel", label: "Keep the tab" },
        { id: "save", label: "Save as file…" },
        { id: "discard", label: "Close without saving", variant: "danger" },
      ],
      testId: "close-tab-dialog",
    });
    if (choice === "cancel") return false;
    if (choice === "save" && !(await saveTabToFile(id))) return false;
  }
  useQueryTabs.getState().remove(id);
  await runControllers.close(id);
  return true;
}

/**
 * Saves the tab's text as a .sql file: the desktop's Save dialog, or a download in a
 * browser. True when it was saved (false: cancelled).
 */
export async function saveTabToFile(id: string): Promise<boolean> {
  const tab = tabOf(id);
  if (!tab) return false;
  const name = fileNameFor(tab.title);
  const answer = await sqlFiles.save({
    sql: tab.sql,
    suggestedName: name,
    ...(tab.filePath && tab.filePath.includes("/") ? { path: tab.filePath } : {}),
  });
  if (answer.supported && !answer.path) return false;
  if (!answer.supported) download(name, tab.sql);
  useQueryTabs.getState().update(id, { filePath: answer.path ?? name, dirty: false });
  return true;
}

/** Opens a .sql file in a new tab of the profile: the desktop's Open dialog, or the browser's file picker. */
export async function openFileInTab(profileId: string, database: string | null): Promise<void> {
  const answer = await sqlFiles.open();
  const file = answer.supported ? answer.file : await pickBrowserFile();
  if (!file) return;
  if (file.sql.length > TAB_LIMITS.sqlChars) {
    await ask({
      title: `${file.name} is too large`,
      body: `It has ${file.sql.length.toLocaleString("en-US")} characters; a tab keeps at most ${TAB_LIMITS.sqlChars.toLocaleString("en-US")}. Nothing was opened.`,
      choices: [{ id: "ok", label: "OK", variant: "primary" }],
    });
    return;
  }
  useQueryTabs.getState().add(profileId, {
    title: titleFromFileName(file.name),
    sql: file.sql,
    filePath: file.path,
    database,
  });
}

/** Moves a tab among its profile's tabs by `delta` places (Alt+Shift+Arrow), or onto another (drag). */
export function moveTab(id: string, how: { by: number } | { onto: string }): void {
  const s = useQueryTabs.getState();
  const tab = tabOf(id);
  if (!tab) return;
  const mine = s.tabs.filter((t) => t.profileId === tab.profileId).map((t) => t.id);
  const moved = "by" in how ? moveBy(mine, id, how.by) : moveOnto(mine, id, how.onto);
  // the other profiles' tabs keep their places; this profile's take the new order
  const queue = [...moved];
  s.reorder(s.tabs.map((t) => (t.profileId === tab.profileId ? queue.shift()! : t.id)));
}

export function renameTab(id: string, title: string): void {
  const clean = title.trim().slice(0, TAB_LIMITS.titleChars);
  if (clean) useQueryTabs.getState().update(id, { title: clean });
}

/** The tab's text changed: a tab from a file becomes dirty. */
export function tabTextChange(tab: EditorTab, sql: string): Partial<EditorTab> {
  return tab.filePath !== null ? { sql, dirty: true } : { sql };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/sql;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function pickBrowserFile(): Promise<{ path: string; name: string; sql: string } | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".sql,text/plain,application/sql";
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (!file) return resolve(undefined);
      void file
        .text()
        .then((sql) => resolve({ path: file.name, name: file.name, sql: sql.replace(/^\uFEFF/, "") }));
    });
    input.addEventListener("cancel", () => resolve(undefined));
    input.click();
  });
}
