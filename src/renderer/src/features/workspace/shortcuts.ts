/** The shortcuts the help sheet lists, by where they work. Ctrl on Linux and Windows is Cmd on macOS. */
export const SHORTCUTS: Array<{ title: string; keys: Array<[string, string]> }> = [
  {
    title: "Anywhere",
    keys: [
      ["Ctrl/Cmd+K or Ctrl/Cmd+Shift+P", "Command palette: every page and action"],
      ["F1 or ? (outside a text field)", "This sheet"],
      ["Escape", "Close a dialog"],
    ],
  },
  {
    title: "Query editor: running",
    keys: [
      ["Ctrl/Cmd+Enter", "Run the selection or the statement at the caret"],
      ["Ctrl/Cmd+Shift+Enter", "Run every statement"],
      ["Ctrl/Cmd+Shift+E", "Explain the statement"],
      ["Ctrl/Cmd+Alt+Shift+E", "Explain Analyze (rolled back)"],
      ["Ctrl+Space", "Complete a name or keyword"],
    ],
  },
  {
    title: "Query editor: transactions",
    keys: [
      ["Ctrl/Cmd+Alt+Y", "Commit the tab's transaction"],
      ["Ctrl/Cmd+Alt+Z", "Roll back the tab's transaction"],
    ],
  },
  {
    title: "Query editor: text",
    keys: [
      ["Shift+Alt+F or Ctrl/Cmd+Alt+L", "Format the selection or the script"],
      ["Ctrl/Cmd+S", "Save the tab as a .sql file"],
      ["Ctrl/Cmd+/", "Comment or uncomment lines"],
      ["Ctrl/Cmd+F / Ctrl/Cmd+H", "Find / replace"],
      ["Ctrl/Cmd+Z / Ctrl/Cmd+Shift+Z", "Undo / redo"],
    ],
  },
  {
    title: "Query tabs (on a focused tab)",
    keys: [
      ["← / →", "Previous / next tab"],
      ["Alt+Shift+← / →", "Move the tab left / right (or drag it)"],
      ["F2 or double-click", "Rename the tab"],
    ],
  },
];
