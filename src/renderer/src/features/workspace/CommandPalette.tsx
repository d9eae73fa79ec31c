import { useMemo, useState } from "react";
import { Modal } from "../../components/Modal";
import { closePalette, currentCommands, useCommands, type Command } from "../../lib/commands";
import { filterCommands } from "./workspace.model";

/** Every page and action by name (Ctrl/Cmd+K, Ctrl/Cmd+Shift+P): type to filter, ↑/↓ and Enter to run. */
export function CommandPalette() {
  const open = useCommands((s) => s.palette);
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const sources = useCommands((s) => s.sources);
  const [query, setQuery] = useState("");
  const [at, setAt] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const all = useMemo(() => currentCommands(), [sources]);
  const shown = filterCommands(all, query).slice(0, 50);
  const run = (c: Command | undefined) => {
    if (!c) return;
    closePalette();
    void c.run();
  };
  return (
    <Modal title="Command palette" onClose={closePalette} testId="command-palette" wide>
      <input
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") setAt((i) => Math.min(i + 1, shown.length - 1));
          else if (e.key === "ArrowUp") setAt((i) => Math.max(i - 1, 0));
          else if (e.key === "Enter") run(shown[at]);
          else return;
          e.preventDefault();
        }}
        placeholder="Go to a page, run an action…"
        aria-label="Command"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[at] ? `cmd-${shown[at].id}` : undefined}
        className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
        data-testid="palette-input"
      />
      <ul id="palette-list" role="listbox" className="max-h-96 overflow-auto">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`cmd-${c.id}`}
            role="option"
            aria-selected={i === at}
            onMouseEnter={() => setAt(i)}
            onClick={() => run(c)}
            className="flex cursor-pointer items-center gap-3 rounded px-2 py-1 aria-selected:bg-blue-600 aria-selected:text-white"
            data-testid="palette-item"
          >
            <span className="w-24 shrink-0 text-xs opacity-70">{c.group}</span>
            <span className="flex-1">{c.title}</span>
            {c.shortcut && <kbd className="text-xs opacity-70">{c.shortcut}</kbd>}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="px-2 py-1 text-slate-600 dark:text-slate-400">Nothing matches.</li>
        )}
      </ul>
    </Modal>
  );
}
