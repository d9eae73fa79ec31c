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
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import type { Completions } from "../../../../shared/contract/query";

// script-src 'self' forbids eval and cross-origin workers: the editor worker is a
// bundled module of our own origin.
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

/** Catalog names per editor model, for the completion provider. */
const catalogs = new Map<string, Completions>();

export function setModelCompletions(model: monaco.editor.ITextModel, completions: Completions | undefined): void {
  if (completions) catalogs.set(model.uri.toString(), completions);
  else catalogs.delete(model.uri.toString());
}

let registered = false;

/** Suggests schemas, tables, columns (of the table before a dot, or all) and functions. */
export function registerSqlCompletions(): void {
  if (registered) return;
  registered = true;
  monaco.languages.registerCompletionItemProvider("pgsql", {
    triggerCharacters: ["."],
    provideCompletionItems(model, position) {
      const catalog = catalogs.get(model.uri.toString());
      if (!catalog) return { suggestions: [] };
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const qualifier = /("?[\w$]+"?)\.$/.exec(before)?.[1]?.replaceAll('"', "");
      const K = monaco.languages.CompletionItemKind;
      const suggestions: monaco.languages.CompletionItem[] = [];
      const ident = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
      if (qualifier) {
        for (const r of catalog.relations) {
          if (r.schema === qualifier) suggestions.push({ label: r.name, kind: K.Struct, detail: r.kind, insertText: ident(r.name), range });
        }
        for (const c of catalog.columns) {
          if (c.relation === qualifier) suggestions.push({ label: c.name, kind: K.Field, detail: c.type, insertText: ident(c.name), range });
        }
        for (const f of catalog.functions) {
          if (f.schema === qualifier) suggestions.push({ label: f.name, kind: K.Function, detail: `(${f.args}) → ${f.result}`, insertText: f.name, range });
        }
        return { suggestions };
      }
      for (const s of catalog.schemas) suggestions.push({ label: s, kind: K.Module, insertText: ident(s), range });
      for (const r of catalog.relations) {
        suggestions.push({ label: r.name, kind: K.Struct, detail: `${r.kind} in ${r.schema}`, insertText: ident(r.name), range });
      }
      const seen = new Set<string>();
      for (const c of catalog.columns) {
        if (seen.has(c.name)) continue;
        seen.add(c.name);
        suggestions.push({ label: c.name, kind: K.Field, detail: `${c.type} (${c.relation})`, insertText: ident(c.name), range });
      }
      for (const f of catalog.functions) {
        if (f.schema !== "pg_catalog" && f.schema !== "public") continue;
        suggestions.push({ label: f.name, kind: K.Function, detail: `(${f.args}) → ${f.result}`, insertText: f.name, range, sortText: `~${f.name}` });
      }
      return { suggestions };
    },
  });
}

export { monaco };
