import { useState } from "react";
import type { PitrInfo } from "../../../../../shared/contract/pitr";
import { checkTarget } from "../../../../../shared/pitr/recovery-window.model";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useRestorePoints, useStartPitrRestore } from "../pitr.queries";
import { emptyRestoreForm, targetOf, type RestoreForm as Form, type TargetKind } from "../restore-form.model";

const KINDS: Array<{ value: TargetKind; label: string }> = [
  { value: "time", label: "a moment in time" },
  { value: "name", label: "a named restore point" },
  { value: "lsn", label: "an LSN" },
  { value: "latest", label: "the newest archived state" },
];

const input = "rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/** Restore to a moment into a NEW data directory on a free port; targets outside the window are refused before any work. */
export function RestoreForm({ profileId, info }: { profileId: string; info: PitrInfo }) {
  const [form, setForm] = useState<Form>(emptyRestoreForm);
  const points = useRestorePoints(profileId);
  const start = useStartPitrRestore(profileId);
  const built = targetOf(form, info.serverTimeZone);
  const repo = form.repo ? Number(form.repo) : undefined;
  const check =
    "target" in built
      ? checkTarget(built.target, { windows: info.windows, repo, restorePoints: points.data ?? [] })
      : null;
  const problem = "error" in built ? built.error : check && !check.ok ? check.reason : null;
  return (
    <form
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="pitr-restore-form"
      onSubmit={(e) => {
        e.preventDefault();
        if ("target" in built) start.mutate({ target: built.target, ...(repo ? { repo } : {}) });
      }}
    >
      <h2 className="font-semibold">Restore to a moment (into a new copy, never over this server)</h2>
      <div className="flex flex-wrap items-center gap-2">
        <select
          className={input}
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value as TargetKind })}
          data-testid="pitr-target-kind"
        >
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <TargetInput form={form} setForm={setForm} zone={info.serverTimeZone} />
        <datalist id="pitr-restore-points">
          {(points.data ?? []).map((p) => (
            <option key={`${p.name}-${p.lsn}`} value={p.name}>{`${p.lsn} · ${p.createdAt}`}</option>
          ))}
        </datalist>
        <select
          className={input}
          value={form.repo}
          onChange={(e) => setForm({ ...form, repo: e.target.value })}
          data-testid="pitr-restore-repo"
        >
          <option value="">any repository</option>
          {info.windows.map((w) => (
            <option key={w.repo} value={w.repo}>
              repository {w.repo}
            </option>
          ))}
        </select>
        <Button
          variant="primary"
          type="submit"
          disabled={problem !== null || start.isPending}
          data-testid="pitr-restore-start"
        >
          Restore into a new copy
        </Button>
      </div>
      {problem && form.kind !== "latest" && (form.time || form.name || form.lsn) && (
        <p className="text-amber-800 dark:text-amber-300" data-testid="pitr-target-problem">
          {problem}
        </p>
      )}
      {check?.ok &&
        check.notes.map((n) => (
          <p key={n} className="text-xs text-slate-600 dark:text-slate-400">
            {n}
          </p>
        ))}
      {start.error && <ErrorMessage error={start.error} />}
    </form>
  );
}

/** The input of the chosen target kind: a time in the server's zone, a restore point's name, or an LSN. */
function TargetInput({ form, setForm, zone }: { form: Form; setForm: (f: Form) => void; zone: string }) {
  return (
    <>
      {form.kind === "time" && (
        <label className="flex items-center gap-1">
          <input
            type="datetime-local"
            step="1"
            className={input}
            value={form.time}
            onChange={(e) => setForm({ ...form, time: e.target.value })}
            data-testid="pitr-target-time"
          />
          <span className="text-xs text-slate-600 dark:text-slate-400">in the server's time zone {zone}</span>
        </label>
      )}
      {form.kind === "name" && (
        <input
          className={input}
          list="pitr-restore-points"
          placeholder="restore point"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          data-testid="pitr-target-name"
        />
      )}
      {form.kind === "lsn" && (
        <input
          className={`${input} font-mono`}
          placeholder="0/3000060"
          value={form.lsn}
          onChange={(e) => setForm({ ...form, lsn: e.target.value })}
          data-testid="pitr-target-lsn"
        />
      )}
    </>
  );
}
