import { useState } from "react";
import type { InputOf } from "../../../../../shared/contract";
import type { ImportCandidate, ImportSource } from "../../../../../shared/contract/inventory";
import type { EnvironmentTag } from "../../../../../shared/contract/profiles";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { Field } from "../../../components/Field";
import { parseTags } from "../../profiles/profile-form.model";
import { useImportPreview, useImportProfiles } from "../fleet.queries";

const SOURCES: Array<[ImportSource, string, string]> = [
  ["uriList", "libpq URI list", "one URI or key=value string a line, optionally after a name"],
  ["pgAdmin", "pgAdmin servers.json", "the file pgAdmin's Tools › Import/Export Servers writes"],
  ["pgService", "pg_service.conf", "paste a file, or leave empty to read the files libpq reads"],
];

const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

type Labels = { group: string; tags: string; environment: string };

/** Many profiles at once: preview every entry (problems named, passwords never shown), pick, label, import. */
export function ImportPanel({ onDone }: { onDone(): void }) {
  const [source, setSource] = useState<ImportSource>("uriList");
  const [text, setText] = useState("");
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const preview = useImportPreview();
  const importing = useImportProfiles();
  const input = { source, ...(text.trim() || source !== "pgService" ? { text } : {}) };
  const candidates = preview.data?.candidates ?? [];
  const toggle = (i: number) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <section
      data-testid="import-panel"
      className="flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-800"
    >
      <h2 className="font-semibold">Import profiles</h2>
      <SourcePicker
        source={source}
        onSource={(s) => (setSource(s), preview.reset())}
        text={text}
        onText={setText}
      />
      <div className="flex gap-2">
        <Button
          data-testid="import-preview"
          disabled={preview.isPending}
          onClick={() =>
            preview.mutate(input, {
              onSuccess: (p) =>
                setPicked(
                  new Set(p.candidates.filter((c) => !c.error && !c.duplicateOf).map((c) => c.index)),
                ),
            })
          }
        >
          Preview
        </Button>
        <Button onClick={onDone}>Close</Button>
      </div>
      {preview.data && (
        <CandidateList
          candidates={candidates}
          picked={picked}
          onToggle={toggle}
          warnings={preview.data.warnings}
        />
      )}
      {preview.data && (
        <ImportBar
          count={picked.size}
          busy={importing.isPending}
          onImport={(labels) =>
            importing.mutate(importInput(input, picked, candidates, labels), {
              onSuccess: () => preview.reset(),
            })
          }
        />
      )}
      {importing.data && (
        <div data-testid="import-result" className="text-sm">
          Imported {importing.data.created.length} profile{importing.data.created.length === 1 ? "" : "s"}.
          {importing.data.skipped.map((s) => (
            <div key={s.index} className="text-xs text-amber-800 dark:text-amber-300">
              skipped {s.name}: {s.reason}
            </div>
          ))}
        </div>
      )}
      <ErrorMessage error={preview.error ?? importing.error} />
    </section>
  );
}

function importInput(
  input: { source: ImportSource; text?: string },
  picked: Set<number>,
  candidates: ImportCandidate[],
  labels: Labels,
): InputOf<"inventory:import"> {
  const tags = parseTags(labels.tags);
  return {
    ...input,
    pick: [...picked],
    // a duplicate the user ticked is meant
    includeDuplicates: candidates.some((c) => c.duplicateOf && picked.has(c.index)),
    ...(labels.group.trim() ? { group: labels.group.trim() } : {}),
    ...(tags.length ? { tags } : {}),
    ...(labels.environment ? { environment: labels.environment as EnvironmentTag } : {}),
  };
}

function SourcePicker(props: {
  source: ImportSource;
  onSource(s: ImportSource): void;
  text: string;
  onText(t: string): void;
}) {
  return (
    <>
      <div className="flex flex-wrap gap-4 text-sm">
        {SOURCES.map(([value, label, hint]) => (
          <label key={value} className="flex items-center gap-1" title={hint}>
            <input
              type="radio"
              name="import-source"
              data-testid={`import-source-${value}`}
              checked={props.source === value}
              onChange={() => props.onSource(value)}
            />
            {label}
          </label>
        ))}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {SOURCES.find(([v]) => v === props.source)![2]}
      </p>
      <textarea
        data-testid="import-text"
        className={`${inputClass} h-32 font-mono text-xs`}
        value={props.text}
        onChange={(e) => props.onText(e.target.value)}
        spellCheck={false}
      />
    </>
  );
}

function ImportBar({
  count,
  busy,
  onImport,
}: {
  count: number;
  busy: boolean;
  onImport(labels: Labels): void;
}) {
  const [labels, setLabels] = useState<Labels>({ group: "", tags: "", environment: "" });
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field
        label="Group"
        name="import-group"
        value={labels.group}
        onChange={(e) => setLabels({ ...labels, group: e.target.value })}
      />
      <Field
        label="Tags (comma-separated)"
        name="import-tags"
        value={labels.tags}
        onChange={(e) => setLabels({ ...labels, tags: e.target.value })}
      />
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Environment</span>
        <select
          className={inputClass}
          value={labels.environment}
          onChange={(e) => setLabels({ ...labels, environment: e.target.value })}
        >
          <option value="">none</option>
          <option value="development">development</option>
          <option value="staging">staging</option>
          <option value="production">production</option>
        </select>
      </label>
      <Button
        variant="primary"
        data-testid="import-run"
        disabled={busy || count === 0}
        onClick={() => onImport(labels)}
      >
        Import {count}
      </Button>
    </div>
  );
}

function CandidateList(props: {
  candidates: ImportCandidate[];
  picked: Set<number>;
  onToggle(index: number): void;
  warnings: string[];
}) {
  return (
    <div className="max-h-72 overflow-auto text-xs" data-testid="import-candidates">
      {props.warnings.map((w) => (
        <div key={w} className="text-amber-800 dark:text-amber-300">
          {w}
        </div>
      ))}
      {props.candidates.length === 0 && (
        <p className="text-slate-600 dark:text-slate-400">Nothing to import.</p>
      )}
      {props.candidates.map((c) => (
        <label
          key={c.index}
          data-testid="import-candidate"
          className="flex items-start gap-2 border-t border-slate-100 py-1 dark:border-slate-800"
        >
          <input
            type="checkbox"
            disabled={Boolean(c.error)}
            checked={props.picked.has(c.index)}
            onChange={() => props.onToggle(c.index)}
          />
          <span className="flex-1">
            <span className="font-medium">{c.name}</span>{" "}
            {!c.error && (
              <span className="text-slate-600 dark:text-slate-400">
                {c.user}@{c.host}:{c.port}/{c.database}
                {c.kind === "pgbouncer" ? " · PgBouncer console" : ""}
                {c.hasPassword ? " · with password" : ""}
                {c.group ? ` · ${c.group}` : ""}
              </span>
            )}
            {c.duplicateOf && <span className="text-amber-700 dark:text-amber-300"> · already saved</span>}
            {c.error && <div className="text-red-800 dark:text-red-300">{c.error}</div>}
            {c.warnings.map((w) => (
              <div key={w} className="text-amber-800 dark:text-amber-300">
                {w}
              </div>
            ))}
          </span>
        </label>
      ))}
    </div>
  );
}
