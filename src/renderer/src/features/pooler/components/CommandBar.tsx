import { useState } from "react";
import type { PoolerCommand } from "../../../../../shared/contract/pooler";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { usePoolerCommand } from "../pooler.queries";

const WHAT: Record<PoolerCommand, string> = {
  PAUSE: "waits for running transactions, then holds every new query until RESUME",
  RESUME: "lets queries through again",
  RELOAD: "re-reads pgbouncer.ini and the auth file",
};

/** PAUSE / RESUME (all databases or one) and RELOAD, each confirmed by typing the command. */
export function CommandBar({ profileId, databases }: { profileId: string; databases: string[] }) {
  const [command, setCommand] = useState<PoolerCommand | undefined>();
  const [database, setDatabase] = useState("");
  const [confirm, setConfirm] = useState("");
  const run = usePoolerCommand(profileId);
  const close = () => (setCommand(undefined), setConfirm(""));
  return (
    <section className="flex flex-col gap-2" data-testid="pooler-commands">
      <div className="flex flex-wrap items-end gap-2">
        {(["PAUSE", "RESUME", "RELOAD"] as const).map((c) => (
          <Button
            key={c}
            data-testid={`pooler-${c.toLowerCase()}`}
            variant={c === "PAUSE" ? "danger" : "secondary"}
            onClick={() => (setCommand(c), setConfirm(""))}
          >
            {c[0] + c.slice(1).toLowerCase()}…
          </Button>
        ))}
      </div>
      {command && (
        <div className="flex flex-wrap items-end gap-2 rounded border border-amber-300 p-2 text-sm dark:border-amber-800">
          <span>
            {command} {WHAT[command]}.
          </span>
          {command !== "RELOAD" && (
            <select
              data-testid="pooler-database"
              className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
              value={database}
              onChange={(e) => setDatabase(e.target.value)}
            >
              <option value="">every database</option>
              {databases.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
          <label className="flex items-center gap-1">
            Type {command}:
            <input
              data-testid="pooler-confirm"
              className="w-24 rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          </label>
          <Button
            variant="primary"
            data-testid="pooler-run"
            disabled={confirm !== command || run.isPending}
            onClick={() =>
              run.mutate(
                { command, confirm, ...(command !== "RELOAD" && database ? { database } : {}) },
                { onSuccess: close },
              )
            }
          >
            Run
          </Button>
          <Button onClick={close}>Cancel</Button>
        </div>
      )}
      {run.data && (
        <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="pooler-result">
          {run.data.message}
        </p>
      )}
      <ErrorMessage error={run.error} />
    </section>
  );
}
