import { useState } from "react";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useDeleteSnippet, useHistory, useSaveSnippet, useSnippets } from "./query.queries";
import { count } from "../../../../shared/format/plural";
import { formatDurationMs } from "../../../../shared/format/units";

/** Executed statements of this profile, newest first, searchable. */
export function HistoryPanel({ profileId, onPick }: { profileId: string; onPick(sql: string): void }) {
  const [search, setSearch] = useState("");
  const history = useHistory(profileId, search);
  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid="history-panel">
      <input
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search history"
        aria-label="Search history"
        className="rounded border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-700"
      />
      {history.error && <ErrorMessage error={history.error} />}
      <ul className="min-h-0 flex-1 overflow-auto text-xs">
        {history.data?.map((h) => (
          <li key={h.id} className="border-b border-slate-100 py-1 dark:border-slate-900">
            <button
              type="button"
              className="w-full text-left"
              onClick={() => onPick(h.sql)}
              title="Insert into the editor"
            >
              <div className="line-clamp-3 whitespace-pre-wrap font-mono">{h.sql}</div>
              <div className="text-slate-600 dark:text-slate-400">
                {new Date(h.at).toLocaleString()} · {formatDurationMs(h.durationMs)}
                {h.rowCount !== null ? ` · ${count(h.rowCount, "row")}` : ""}
                {h.error ? <span className="text-red-600"> · {h.error}</span> : null}
              </div>
            </button>
          </li>
        ))}
        {history.data?.length === 0 && <li className="text-slate-600 dark:text-slate-400">Nothing yet.</li>}
      </ul>
    </div>
  );
}

/** Saved snippets: insert one, save the editor's text as one, delete. */
export function SnippetsPanel({ currentSql, onPick }: { currentSql: string; onPick(sql: string): void }) {
  const [name, setName] = useState("");
  const snippets = useSnippets();
  const save = useSaveSnippet(() => setName(""));
  const remove = useDeleteSnippet();
  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid="snippets-panel">
      <div className="flex gap-1">
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Snippet name"
          aria-label="Snippet name"
          className="min-w-0 flex-1 rounded border border-slate-300 bg-transparent px-2 py-1 text-sm dark:border-slate-700"
        />
        <Button
          disabled={!name.trim() || !currentSql.trim() || save.isPending}
          onClick={() => save.mutate({ name, sql: currentSql })}
        >
          Save editor text
        </Button>
      </div>
      {save.error && <ErrorMessage error={save.error} />}
      <ul className="min-h-0 flex-1 overflow-auto text-xs">
        {snippets.data?.map((s) => (
          <li
            key={s.id}
            className="flex items-start gap-2 border-b border-slate-100 py-1 dark:border-slate-900"
          >
            <button type="button" className="min-w-0 flex-1 text-left" onClick={() => onPick(s.sql)}>
              <div className="font-medium">{s.name}</div>
              <div className="line-clamp-2 whitespace-pre-wrap font-mono text-slate-600 dark:text-slate-400">
                {s.sql}
              </div>
            </button>
            <button type="button" className="text-red-600 underline" onClick={() => remove.mutate(s.id)}>
              delete
            </button>
          </li>
        ))}
        {snippets.data?.length === 0 && (
          <li className="text-slate-600 dark:text-slate-400">No snippets saved.</li>
        )}
      </ul>
    </div>
  );
}
