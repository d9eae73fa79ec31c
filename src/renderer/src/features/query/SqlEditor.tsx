import { useEffect, useRef, type DragEvent, type RefObject } from "react";
import type { Completions } from "../../../../shared/contract/query";
import type { TabCursor, TabSelection } from "../../../../shared/contract/tabs";
import { openPalette } from "../../lib/commands";
import {
  formatEditor,
  monaco,
  registerSqlCompletions,
  registerSqlFormatting,
  setFormatListener,
  setModelCompletions,
} from "./monaco-setup";
import { editorTheme, followAppTheme } from "./monaco-themes";
import type { EditorMarker } from "./query-tab.model";

export type EditorCommand =
  "run" | "runAll" | "explain" | "explainAnalyze" | "commit" | "rollback" | "saveFile";

/** Where the caret and selection are, as the tab saves them (1-based, Monaco's convention). */
export interface CaretPlace {
  cursor: TabCursor;
  selection: TabSelection | null;
}

interface Props {
  value: string;
  onChange(value: string): void;
  onCommand(command: EditorCommand): void;
  onMount?(editor: monaco.editor.IStandaloneCodeEditor): void;
  /** Where the caret was when the tab was last shown. */
  initialPlace?: CaretPlace | undefined;
  onPlace?(place: CaretPlace): void;
  marker?: EditorMarker | undefined;
  completions?: Completions | undefined;
  /** Why the last Format left the text alone; undefined once it formatted. */
  onFormatMessage?(message: string | undefined): void;
}

type Handlers = Pick<Props, "onChange" | "onCommand" | "onFormatMessage" | "onPlace">;
type EditorRef = RefObject<monaco.editor.IStandaloneCodeEditor | null>;

/** Monaco with PostgreSQL highlighting, the app's shortcuts, autocomplete and an error marker. */
export function SqlEditor({
  value,
  onChange,
  onCommand,
  onMount,
  marker,
  completions,
  onFormatMessage,
  initialPlace,
  onPlace,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const handlers = useRef<Handlers>({ onChange, onCommand, onFormatMessage, onPlace });
  useEffect(() => {
    handlers.current = { onChange, onCommand, onFormatMessage, onPlace };
  });
  useMonaco(host, editorRef, handlers, value, onMount, initialPlace);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setModelCompletions(model, completions);
  }, [completions]);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== value) editor.setValue(value);
  }, [value]);

  useErrorMarker(editorRef, marker);

  return (
    <div
      ref={host}
      className="h-full min-h-40 w-full"
      data-testid="sql-editor"
      onDragOver={(e) => e.dataTransfer.types.includes(NAME_MIME) && e.preventDefault()}
      onDrop={(e) => dropName(editorRef.current, e)}
    />
  );
}

/** Creates the editor once, with the app's shortcuts; later value changes come from the user typing. */
function useMonaco(
  host: RefObject<HTMLDivElement | null>,
  editorRef: EditorRef,
  handlers: RefObject<Handlers>,
  initialValue: string,
  onMount: Props["onMount"],
  initialPlace: CaretPlace | undefined,
) {
  useEffect(() => {
    registerSqlCompletions();
    registerSqlFormatting();
    const editor = monaco.editor.create(host.current!, {
      value: initialValue,
      language: "pgsql",
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      wordBasedSuggestions: "off",
      theme: editorTheme(),
      tabSize: 2,
    });
    editorRef.current = editor;
    const unfollow = followAppTheme();
    setFormatListener(editor.getModel()!, (message) => handlers.current.onFormatMessage?.(message));
    const sub = editor.onDidChangeModelContent(() => handlers.current.onChange(editor.getValue()));
    if (initialPlace) restorePlace(editor, initialPlace);
    const caret = editor.onDidChangeCursorSelection(() => handlers.current.onPlace?.(placeOf(editor)));
    addShortcuts(editor, (command) => handlers.current.onCommand(command));
    onMount?.(editor);
    return () => {
      unfollow();
      sub.dispose();
      caret.dispose();
      setModelCompletions(editor.getModel()!, undefined);
      setFormatListener(editor.getModel()!, undefined);
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // the editor is created once; later value changes come from the user typing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

function addShortcuts(editor: monaco.editor.IStandaloneCodeEditor, command: (c: EditorCommand) => void) {
  const K = monaco.KeyMod;
  const C = monaco.KeyCode;
  editor.addCommand(K.CtrlCmd | C.Enter, () => command("run"));
  editor.addCommand(K.CtrlCmd | K.Shift | C.Enter, () => command("runAll"));
  editor.addCommand(K.CtrlCmd | K.Shift | C.KeyE, () => command("explain"));
  editor.addCommand(K.CtrlCmd | K.Shift | K.Alt | C.KeyE, () => command("explainAnalyze"));
  // Shift+Alt+F as on Windows and macOS (Monaco binds Ctrl+Shift+I on Linux); Ctrl+Alt+L is DataGrip's Reformat Code
  editor.addCommand(K.Shift | K.Alt | C.KeyF, () => void formatEditor(editor));
  editor.addCommand(K.CtrlCmd | K.Alt | C.KeyL, () => void formatEditor(editor));
  // DataGrip's Commit and Rollback
  editor.addCommand(K.CtrlCmd | K.Alt | C.KeyY, () => command("commit"));
  editor.addCommand(K.CtrlCmd | K.Alt | C.KeyZ, () => command("rollback"));
  editor.addCommand(K.CtrlCmd | C.KeyS, () => command("saveFile"));
  // the app's command palette wins over Monaco's Ctrl+K chords (Ctrl+/ still comments)
  editor.addCommand(K.CtrlCmd | C.KeyK, openPalette);
  editor.addCommand(K.CtrlCmd | K.Shift | C.KeyP, openPalette);
}

function placeOf(editor: monaco.editor.IStandaloneCodeEditor): CaretPlace {
  const pos = editor.getPosition() ?? { lineNumber: 1, column: 1 };
  const sel = editor.getSelection();
  return {
    cursor: { line: pos.lineNumber, column: pos.column },
    selection:
      sel && !sel.isEmpty()
        ? {
            startLine: sel.startLineNumber,
            startColumn: sel.startColumn,
            endLine: sel.endLineNumber,
            endColumn: sel.endColumn,
          }
        : null,
  };
}

/** Puts the caret (and selection) back where the tab left it, in view, with the focus. */
function restorePlace(editor: monaco.editor.IStandaloneCodeEditor, place: CaretPlace): void {
  const model = editor.getModel();
  if (!model) return;
  const pos = model.validatePosition({ lineNumber: place.cursor.line, column: place.cursor.column });
  const s = place.selection;
  if (s)
    editor.setSelection(
      model.validateRange(new monaco.Range(s.startLine, s.startColumn, s.endLine, s.endColumn)),
    );
  else editor.setPosition(pos);
  editor.revealPositionInCenterIfOutsideViewport(pos);
  editor.focus();
}

/** What the schema sidebar drags: a name as it must be typed. */
export const NAME_MIME = "application/x-pgdesk-name";

/** A name dropped from the schema sidebar goes in where it was dropped, as one undo step. */
function dropName(editor: monaco.editor.IStandaloneCodeEditor | null, e: DragEvent): void {
  const text = e.dataTransfer.getData(NAME_MIME);
  if (!editor || !text) return;
  e.preventDefault();
  const target = editor.getTargetAtClientPoint(e.clientX, e.clientY)?.position ?? editor.getPosition();
  if (!target) return;
  const range = new monaco.Range(target.lineNumber, target.column, target.lineNumber, target.column);
  editor.executeEdits("schema-sidebar", [{ range, text, forceMoveMarkers: true }]);
  editor.setPosition({ lineNumber: target.lineNumber, column: target.column + text.length });
  editor.focus();
}

/** The failed statement's error under the word at its position, scrolled into view. */
function useErrorMarker(editorRef: EditorRef, marker: EditorMarker | undefined) {
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (!marker) {
      monaco.editor.setModelMarkers(model, "pgdesk", []);
      return;
    }
    const start = model.getPositionAt(marker.offset);
    const wordEnd = model.getWordAtPosition(start)?.endColumn ?? start.column + 1;
    monaco.editor.setModelMarkers(model, "pgdesk", [
      {
        severity: monaco.MarkerSeverity.Error,
        message: marker.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: start.lineNumber,
        endColumn: Math.max(wordEnd, start.column + 1),
      },
    ]);
    editorRef.current?.revealPositionInCenterIfOutsideViewport(start);
  }, [editorRef, marker]);
}
