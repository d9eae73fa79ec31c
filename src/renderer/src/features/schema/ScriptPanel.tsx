import { useState } from "react";
import { count } from "../../../../shared/format/plural";
import { useUi } from "../../app/ui.store";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useQueryTabs } from "../query/query-tabs.store";
import { useDatabaseScript } from "./schema.queries";

type Choice = "owners" | "grants" | "data";

const CHOICES: Array<{ id: Choice; label: string }> = [
  { id: "owners", label: "Owners" },
  { id: "grants", label: "Grants" },
  { id: "data", label: "Data (as INSERT statements)" },
];

/**
 * The whole database as one script in dependency order, with or without owners, grants
 * and rows; made on request, shown as text, copied or opened in a query editor tab.
 */
export function ScriptPanel({ profileId }: { profileId: string }) {
  const [options, setOptions] = useState<Record<Choice, boolean>>({
    owners: true,
    grants: true,
    data: false,
  });
  const [copied, setCopied] = useState(false);
  const script = useDatabaseScript(profileId);
  const openArea = useUi((s) => s.openArea);
  const addTab = useQueryTabs((s) => s.add);
  const text = script.data?.script;
  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid="script-panel">
      <ScriptChoices
        options={options}
        onChange={setOptions}
        pending={script.isPending}
        onMake={() => {
          setCopied(false);
          script.mutate(options);
        }}
      />
      {script.error && <ErrorMessage error={script.error} />}
      {script.data?.notes.map((n) => (
        <p
          key={n}
          data-testid="script-note"
          className="rounded bg-amber-100 px-2 py-1 text-sm text-amber-900"
        >
          {n}
        </p>
      ))}
      {text !== undefined && (
        <>
          <div className="flex items-center gap-2 text-sm">
            <span data-testid="script-entries">
              {count(script.data!.entries, "object")} in dependency order
            </span>
            <Button
              data-testid="script-copy"
              onClick={() => {
                void navigator.clipboard?.writeText(text).then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy script"}
            </Button>
            <Button
              data-testid="script-open-in-editor"
              onClick={() => {
                addTab(profileId, { sql: text, title: "Database script" });
                openArea("query");
              }}
            >
              Open in editor
            </Button>
          </div>
          <pre
            data-testid="script-text"
            className="overflow-auto rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs whitespace-pre dark:border-slate-800 dark:bg-slate-900"
          >
            {text}
          </pre>
        </>
      )}
    </div>
  );
}

function ScriptChoices({
  options,
  onChange,
  pending,
  onMake,
}: {
  options: Record<Choice, boolean>;
  onChange(next: Record<Choice, boolean>): void;
  pending: boolean;
  onMake(): void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {CHOICES.map((c) => (
        <label key={c.id} className="flex items-center gap-1">
          <input
            type="checkbox"
            data-testid={`script-${c.id}`}
            checked={options[c.id]}
            onChange={(e) => onChange({ ...options, [c.id]: e.target.checked })}
          />
          {c.label}
        </label>
      ))}
      <Button data-testid="script-make" disabled={pending} onClick={onMake}>
        {pending ? "Making script…" : "Make whole-database script"}
      </Button>
    </div>
  );
}
