import type { Command } from "../../lib/commands";
import type { RunController } from "./run-controller";
import type { QueryToolbarSide } from "./QueryToolbar";
import type { EditorCommand } from "./SqlEditor";
import { closeTab, moveTab, openFileInTab, saveTabToFile } from "./tab-actions";
import { useQueryTabs } from "./query-tabs.store";
import type { EditorTab } from "./tab-state.model";

/** What the command palette offers while an editor tab is shown. */
export function tabCommands(
  tab: EditorTab,
  controller: RunController,
  command: (c: EditorCommand) => void,
  setSide: (side: QueryToolbarSide) => void,
): Command[] {
  const q = "Query";
  const cmd = (id: string, title: string, run: () => void, shortcut?: string, group = q): Command => ({
    id: `query.${id}`,
    title,
    group,
    run,
    ...(shortcut ? { shortcut } : {}),
  });
  return [
    cmd("run", "Run statement at caret or selection", () => command("run"), "Ctrl/Cmd+Enter"),
    cmd("runAll", "Run all statements", () => command("runAll"), "Ctrl/Cmd+Shift+Enter"),
    cmd("explain", "Explain statement", () => command("explain"), "Ctrl/Cmd+Shift+E"),
    cmd(
      "explainAnalyze",
      "Explain Analyze statement (rolled back)",
      () => command("explainAnalyze"),
      "Ctrl/Cmd+Alt+Shift+E",
    ),
    cmd("cancel", "Cancel the running statement", () => void controller.cancel()),
    cmd("commit", "Commit the tab's transaction", () => command("commit"), "Ctrl/Cmd+Alt+Y", "Transaction"),
    cmd(
      "rollback",
      "Roll back the tab's transaction",
      () => command("rollback"),
      "Ctrl/Cmd+Alt+Z",
      "Transaction",
    ),
    cmd(
      "mode",
      tab.autocommit ? "Switch the tab to manual commit" : "Switch the tab to auto-commit",
      () => useQueryTabs.getState().update(tab.id, { autocommit: !tab.autocommit }),
      undefined,
      "Transaction",
    ),
    cmd(
      "new",
      "New query tab",
      () => void useQueryTabs.getState().add(tab.profileId, { database: tab.database }),
      undefined,
      "Tabs",
    ),
    cmd("close", "Close this tab", () => void closeTab(tab.id), undefined, "Tabs"),
    cmd("save", "Save the tab as a .sql file", () => void saveTabToFile(tab.id), "Ctrl/Cmd+S", "Tabs"),
    cmd(
      "open",
      "Open a .sql file in a new tab",
      () => void openFileInTab(tab.profileId, tab.database),
      undefined,
      "Tabs",
    ),
    cmd("left", "Move this tab left", () => moveTab(tab.id, { by: -1 }), "Alt+Shift+← (on the tab)", "Tabs"),
    cmd("right", "Move this tab right", () => moveTab(tab.id, { by: 1 }), "Alt+Shift+→ (on the tab)", "Tabs"),
    cmd("history", "Show query history", () => setSide("history")),
    cmd("snippets", "Show snippets", () => setSide("snippets")),
    cmd("plans", "Show the tab's pinned plans", () => setSide("plans")),
  ];
}
