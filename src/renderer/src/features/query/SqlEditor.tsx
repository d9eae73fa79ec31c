import { useEffect, useRef, type RefObject } from "react";
import type { Completions } from "../../../../shared/contract/query";
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

export type EditorCommand = "run" | "runAll" | "explain" | "explainAnalyze";

interface Props {
  value: string;
  onChange(value: string): void;
  onCommand(command: EditorCommand): void;
  onMount?(editor: monaco.editor.IStandaloneCodeEditor): void;
  marker?: EditorMarker | undefined;
  completions?: Completions | undefined;
  /** Why the last Format left the text alone; undefined once it formatted. */
  onFormatMessage?(message: string | undefined): void;
}

type Handlers = Pick<Props, "onChange" | "onCommand" | "onFormatMessage">;
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
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const handlers = useRef<Handlers>({ onChange, onCommand, onFormatMessage });
  useEffect(() => {
    handlers.current = { onChange, onCommand, onFormatMessage };
  });
  useMonaco(host, editorRef, handlers, value, onMount);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setModelCompletions(model, completions);
  }, [completions]);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== value) editor.setValue(value);
  }, [value]);

  useErrorMarker(editorRef, marker);

  return <div ref={host} className="h-full min-h-40 w-full" data-testid="sql-editor" />;
}

/** Creates the editor once, with the app's shortcuts; later value changes come from the user typing. */
function useMonaco(
  host: RefObject<HTMLDivElement | null>,
  editorRef: EditorRef,
  handlers: RefObject<Handlers>,
  initialValue: string,
  onMount: Props["onMount"],
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
    addShortcuts(editor, (command) => handlers.current.onCommand(command));
    onMount?.(editor);
    return () => {
      unfollow();
      sub.dispose();
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
