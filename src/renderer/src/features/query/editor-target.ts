import type { monaco } from "./monaco-setup";
import type { RunTarget } from "./query-tab.model";

/** What the caret or the selection points at in the editor text (the whole script without an editor). */
export function editorTarget(e: monaco.editor.IStandaloneCodeEditor | null): RunTarget {
  const model = e?.getModel();
  const sel = e?.getSelection();
  if (!e || !model || !sel) return { mode: "all" };
  if (!sel.isEmpty()) {
    return {
      mode: "selection",
      selection: {
        start: model.getOffsetAt(sel.getStartPosition()),
        end: model.getOffsetAt(sel.getEndPosition()),
      },
    };
  }
  return { mode: "statement-at-cursor", cursorOffset: model.getOffsetAt(e.getPosition()!) };
}
