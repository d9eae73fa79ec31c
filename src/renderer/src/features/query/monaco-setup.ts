import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/languages/definitions/pgsql/register";
// editor.api is the bare editor: the features a SQL editor needs are contributions
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/editor/contrib/snippet/browser/snippetController2";
import "monaco-editor/editor/contrib/hover/browser/hoverContribution";
import "monaco-editor/editor/contrib/find/browser/findController";
import "monaco-editor/editor/contrib/clipboard/browser/clipboard";
import "monaco-editor/editor/contrib/comment/browser/comment";
import "monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching";
import "monaco-editor/editor/contrib/contextmenu/browser/contextmenu";
import "monaco-editor/editor/contrib/gotoError/browser/gotoError";
import "monaco-editor/editor/contrib/linesOperations/browser/linesOperations";
import "monaco-editor/editor/contrib/multicursor/browser/multicursor";
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
import "monaco-editor/editor/contrib/folding/browser/folding";
import "monaco-editor/editor/contrib/format/browser/formatActions";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import type { Completions } from "../../../../shared/contract/query";
import { formatSql } from "./sql-format";
import { CatalogIndex, completeAt, emptyCatalog, type SuggestionKind } from "../../../../shared/sql-scope";

// script-src 'self' forbids eval and cross-origin workers: the editor worker is a
// bundled module of our own origin.
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

/** The catalog of each editor model's database (indexed once), for the completion provider. */
const catalogs = new Map<string, CatalogIndex>();

export function setModelCompletions(
  model: monaco.editor.ITextModel,
  completions: Completions | undefined,
): void {
  if (completions) catalogs.set(model.uri.toString(), new CatalogIndex(completions));
  else catalogs.delete(model.uri.toString());
}

let registered = false;

/**
 * Completion that reads the statement around the caret (shared/sql-scope): its aliases,
 * CTEs, subqueries and FROM items first, join conditions from foreign keys, functions
 * with signatures and docs, keywords by position, names quoted where they must be.
 */
export function registerSqlCompletions(): void {
  if (registered) return;
  registered = true;
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<SuggestionKind, monaco.languages.CompletionItemKind> = {
    keyword: K.Keyword,
    column: K.Field,
    relation: K.Struct,
    cte: K.Struct,
    alias: K.Variable,
    schema: K.Module,
    function: K.Function,
    join: K.Snippet,
  };
  monaco.languages.registerCompletionItemProvider("pgsql", {
    triggerCharacters: [".", '"'],
    provideCompletionItems(model, position) {
      const index = catalogs.get(model.uri.toString()) ?? emptyIndex;
      const result = completeAt(model.getValue(), model.getOffsetAt(position), index);
      const start = model.getPositionAt(result.from);
      const range = new monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column);
      const suggestions = result.suggestions.map((s): monaco.languages.CompletionItem => ({
        label: s.label,
        kind: kinds[s.kind],
        insertText: s.insertText,
        ...(s.snippet
          ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet }
          : {}),
        ...(s.detail ? { detail: s.detail } : {}),
        ...(s.documentation ? { documentation: s.documentation } : {}),
        sortText: s.sortText,
        ...(s.filterText ? { filterText: s.filterText } : {}),
        range,
      }));
      return { suggestions };
    },
  });
}

const emptyIndex = new CatalogIndex(emptyCatalog());

/** Where each editor model shows why its text was not formatted (undefined: formatted). */
const formatListeners = new Map<string, (message: string | undefined) => void>();

export function setFormatListener(
  model: monaco.editor.ITextModel,
  listener: ((message: string | undefined) => void) | undefined,
): void {
  if (listener) formatListeners.set(model.uri.toString(), listener);
  else formatListeners.delete(model.uri.toString());
}

let formattingRegistered = false;

/**
 * Format Document / Format Selection for PostgreSQL. Monaco applies the edit as one undo
 * step; text the formatter would change in meaning is left alone and the reason reported.
 */
export function registerSqlFormatting(): void {
  if (formattingRegistered) return;
  formattingRegistered = true;
  const edit = (
    model: monaco.editor.ITextModel,
    range: monaco.IRange,
    tabSize: number,
  ): monaco.languages.TextEdit[] => {
    const text = model.getValueInRange(range);
    const out = formatSql(text, { tabWidth: tabSize });
    formatListeners.get(model.uri.toString())?.(out.ok ? undefined : out.message);
    if (!out.ok || out.text === text) return [];
    // a selection that starts indented keeps that indentation on every formatted line
    const lead = model.getLineContent(range.startLineNumber).slice(0, range.startColumn - 1);
    const indent = /^\s*$/.test(lead) ? lead : "";
    return [{ range, text: indent ? out.text.replace(/\n(?=.)/g, `\n${indent}`) : out.text }];
  };
  monaco.languages.registerDocumentFormattingEditProvider("pgsql", {
    displayName: "PostgreSQL (sql-formatter)",
    provideDocumentFormattingEdits: (model, options) =>
      edit(model, model.getFullModelRange(), options.tabSize),
  });
  monaco.languages.registerDocumentRangeFormattingEditProvider("pgsql", {
    displayName: "PostgreSQL (sql-formatter)",
    provideDocumentRangeFormattingEdits: (model, range, options) => edit(model, range, options.tabSize),
  });
}

/** Formats the selection, or the whole script when nothing is selected. */
export async function formatEditor(editor: monaco.editor.IStandaloneCodeEditor): Promise<void> {
  const selection = editor.getSelection();
  const action =
    selection && !selection.isEmpty() ? "editor.action.formatSelection" : "editor.action.formatDocument";
  await editor.getAction(action)?.run();
}

export { monaco };
