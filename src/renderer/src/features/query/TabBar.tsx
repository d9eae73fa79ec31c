import { useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { SaveState } from "./tab-autosave";
import { closeTab, moveTab, openFileInTab, renameTab } from "./tab-actions";
import { useQueryTabs } from "./query-tabs.store";
import type { EditorTab } from "./tab-state.model";

interface Props {
  profileId: string;
  tabs: EditorTab[];
  active: EditorTab | undefined;
  /** The database new tabs open in. */
  database: string | null;
}

/**
 * The profile's tabs: click to show, double-click (or F2) to rename, drag or Alt+Shift+←/→
 * to reorder, ←/→ to move between them, × to close (asking when something would be lost).
 */
export function TabBar({ profileId, tabs, active, database }: Props) {
  const activate = useQueryTabs((s) => s.activate);
  const saveStates = useQueryTabs((s) => s.saveStates);
  const [renaming, setRenaming] = useState<string | undefined>();
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const onKey = (e: KeyboardEvent, tab: EditorTab, i: number) => {
    const step = e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0;
    if (step !== 0 && e.altKey && e.shiftKey) {
      e.preventDefault();
      moveTab(tab.id, { by: step });
      requestAnimationFrame(() => refs.current.get(tab.id)?.focus());
    } else if (step !== 0) {
      const next = tabs[(i + step + tabs.length) % tabs.length];
      if (next) {
        activate(profileId, next.id);
        refs.current.get(next.id)?.focus();
      }
    } else if (e.key === "F2") setRenaming(tab.id);
  };

  return (
    <div
      className="flex items-center gap-1 border-b border-slate-200 text-sm dark:border-slate-800"
      role="group"
      aria-label="Query tabs"
    >
      {tabs.map((t, i) => (
        <span
          key={t.id}
          draggable={renaming !== t.id}
          {...dropTarget(t.id)}
          className={`flex items-center gap-1 rounded-t px-2 py-1 ${t.id === active?.id ? "bg-slate-200 dark:bg-slate-800" : ""}`}
          data-testid="query-tab-item"
        >
          {renaming === t.id ? (
            <RenameInput tab={t} onDone={() => setRenaming(undefined)} />
          ) : (
            <button
              type="button"
              ref={(el) => void (el ? refs.current.set(t.id, el) : refs.current.delete(t.id))}
              aria-current={t.id === active?.id ? "true" : undefined}
              tabIndex={t.id === active?.id ? 0 : -1}
              onClick={() => activate(profileId, t.id)}
              onDoubleClick={() => setRenaming(t.id)}
              onKeyDown={(e) => onKey(e, t, i)}
              title={`${t.filePath ?? t.title} — double-click or F2 to rename, Alt+Shift+←/→ to move`}
              data-testid="query-tab"
            >
              {t.title}
              {t.dirty && <span aria-label="changed since saved to its file"> •</span>}
            </button>
          )}
          <SaveMark state={saveStates[t.id]} />
          <button
            type="button"
            aria-label={`Close ${t.title}`}
            className="text-slate-600 dark:text-slate-400 hover:text-red-600"
            onClick={() => void closeTab(t.id)}
            data-testid="close-query-tab"
          >
            ×
          </button>
        </span>
      ))}
      <NewTabButtons profileId={profileId} database={database} />
    </div>
  );
}

const TAB_DRAG_TYPE = "application/x-pgdesk-tab";

/** Drag a tab onto another to put it there. */
function dropTarget(id: string) {
  return {
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData(TAB_DRAG_TYPE, id);
    },
    onDragOver: (e: DragEvent) => void (e.dataTransfer.types.includes(TAB_DRAG_TYPE) && e.preventDefault()),
    onDrop: (e: DragEvent) => {
      const from = e.dataTransfer.getData(TAB_DRAG_TYPE);
      if (!from) return;
      e.preventDefault();
      if (from !== id) moveTab(from, { onto: id });
    },
  };
}

function NewTabButtons({ profileId, database }: { profileId: string; database: string | null }) {
  const add = useQueryTabs((s) => s.add);
  return (
    <>
      <button
        type="button"
        className="px-2 py-1 text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100"
        onClick={() => add(profileId, { database })}
        data-testid="new-query-tab"
        aria-label="New query tab"
      >
        +
      </button>
      <button
        type="button"
        className="px-2 py-1 text-xs text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100"
        onClick={() => void openFileInTab(profileId, database)}
        data-testid="open-sql-file"
      >
        Open .sql…
      </button>
    </>
  );
}

function RenameInput({ tab, onDone }: { tab: EditorTab; onDone(): void }) {
  const [value, setValue] = useState(tab.title);
  return (
    <input
      autoFocus
      value={value}
      aria-label="Tab name"
      data-testid="rename-tab"
      onChange={(e) => setValue(e.target.value)}
      onFocus={(e) => e.target.select()}
      onBlur={() => {
        renameTab(tab.id, value);
        onDone();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          renameTab(tab.id, value);
          onDone();
        } else if (e.key === "Escape") onDone();
      }}
      className="w-32 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
    />
  );
}

/** Whether the tab's latest text is in the store: nothing when it is, a dot while saving, the reason when it cannot be. */
function SaveMark({ state }: { state: SaveState | undefined }) {
  if (!state || state.status === "saved")
    return <span className="sr-only" data-testid="tab-save-state" data-state="saved" />;
  if (state.status === "pending")
    return (
      <span
        className="text-xs text-slate-600 dark:text-slate-400"
        title="Saving…"
        data-testid="tab-save-state"
        data-state="pending"
      >
        ◌
      </span>
    );
  return (
    <span
      className="text-xs font-semibold text-red-600"
      title={`Not saved: ${state.message}`}
      data-testid="tab-save-state"
      data-state="error"
    >
      !
    </span>
  );
}
