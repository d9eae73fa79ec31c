import { useState } from "react";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSetToolPath, useTools } from "./backup.queries";

/** Which pg_dump/pg_restore/psql will run, and the per-version folder setting when none fits. */
export function ToolsPanel({ profileId }: { profileId: string }) {
  const tools = useTools(profileId);
  const setToolPath = useSetToolPath(profileId);
  const [folder, setFolder] = useState("");
  if (tools.error) return <ErrorMessage error={tools.error} />;
  if (!tools.data) return <p className="text-sm text-slate-600 dark:text-slate-400">Looking for pg_dump…</p>;
  const t = tools.data;
  const save = (value: string | null) => setToolPath.mutate({ major: t.serverMajor, folder: value });
  return (
    <section className="flex flex-col gap-2 text-sm" data-testid="tools-panel">
      <p className="text-slate-600 dark:text-slate-400">
        Server PostgreSQL {t.serverVersion}.{" "}
        {t.chosen.pg_dump && (
          <span data-testid="tools-chosen">
            Using {t.chosen.pg_dump.path} ({t.chosen.pg_dump.version}).
          </span>
        )}
      </p>
      {t.problem && (
        <div
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
          data-testid="tools-problem"
        >
          {t.problem}
        </div>
      )}
      {(t.problem || t.configured[String(t.serverMajor)]) && (
        <div className="flex items-end gap-2">
          <label className="flex flex-1 flex-col gap-1">
            <span className="text-slate-600 dark:text-slate-400">
              Client tools → PostgreSQL {t.serverMajor} (folder holding pg_dump)
            </span>
            <input
              className="rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-900"
              placeholder={t.configured[String(t.serverMajor)] ?? `/usr/lib/postgresql/${t.serverMajor}/bin`}
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
            />
          </label>
          <Button onClick={() => save(folder)} disabled={!folder}>
            Save
          </Button>
          {t.configured[String(t.serverMajor)] && <Button onClick={() => save(null)}>Clear</Button>}
        </div>
      )}
      <ErrorMessage error={setToolPath.error} />
    </section>
  );
}
