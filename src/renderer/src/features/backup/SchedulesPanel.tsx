import { useState } from "react";
import type { BackupFormat, Schedule } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { digitsOnly } from "./backup-form.model";
import { useDatabases, useDeleteSchedule, useSaveSchedule, useSchedules } from "./backup.queries";
import { useBackupUi } from "./backup.store";
import {
  initialScheduleForm,
  scheduleCadence,
  scheduleDraft,
  WEEKDAYS,
  type ScheduleFormState,
} from "./schedules.model";

const select = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/** Daily or weekly backups into the current folder while the app runs; failed runs also show above every screen (ScheduleFailureBanner, which also refreshes this list when a schedule runs). */
export function SchedulesPanel({ profileId }: { profileId: string }) {
  const { folder } = useBackupUi();
  const schedules = useSchedules();
  const dbs = useDatabases(profileId);
  const save = useSaveSchedule();
  const remove = useDeleteSchedule();
  return (
    <section
      className="flex flex-col gap-2 rounded border border-slate-200 p-4 text-sm dark:border-slate-800"
      data-testid="schedules-panel"
    >
      <h2 className="font-semibold">Scheduled backups</h2>
      <ul className="flex flex-col gap-1">
        {(schedules.data ?? []).map((s) => (
          <ScheduleRow key={s.id} schedule={s} onRemove={() => remove.mutate(s.id)} />
        ))}
      </ul>
      {folder && (
        <NewSchedule
          databases={dbs.data?.names ?? []}
          connectedDatabase={dbs.data?.current}
          onAdd={(form) =>
            save.mutate(scheduleDraft(form, { profileId, folder, connectedDatabase: dbs.data?.current }))
          }
        />
      )}
      <ErrorMessage error={save.error ?? remove.error} />
    </section>
  );
}

function ScheduleRow({ schedule: s, onRemove }: { schedule: Schedule; onRemove(): void }) {
  return (
    <li className="flex items-center justify-between gap-2">
      <span>
        {s.database} · {scheduleCadence(s)} at {s.time} · {s.format}, {s.scope} →{" "}
        <span className="font-mono text-xs">{s.folder}</span>
        {s.lastRunAt && (
          <span className="text-slate-600 dark:text-slate-400">
            {" "}
            · last run {new Date(s.lastRunAt).toLocaleString()} ({s.lastResult?.state})
          </span>
        )}
      </span>
      <Button onClick={onRemove}>Remove</Button>
    </li>
  );
}

/** The boxes of a new schedule into the current folder. */
function NewSchedule({
  databases,
  connectedDatabase,
  onAdd,
}: {
  databases: string[];
  connectedDatabase: string | undefined;
  onAdd(form: ScheduleFormState): void;
}) {
  const [form, setForm] = useState<ScheduleFormState>(initialScheduleForm);
  const patch = (p: Partial<ScheduleFormState>) => setForm((f) => ({ ...f, ...p }));
  return (
    <div className="flex flex-wrap items-end gap-2">
      <select
        className={select}
        value={form.database || connectedDatabase || ""}
        onChange={(e) => patch({ database: e.target.value })}
      >
        {databases.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <Field label="Time (HH:MM)" value={form.time} onChange={(e) => patch({ time: e.target.value })} />
      <select className={select} value={form.weekday} onChange={(e) => patch({ weekday: e.target.value })}>
        <option value="">Every day</option>
        {WEEKDAYS.map((d, i) => (
          <option key={d} value={i}>
            Every {d}
          </option>
        ))}
      </select>
      <select
        className={select}
        value={form.format}
        onChange={(e) => patch({ format: e.target.value as BackupFormat })}
      >
        <option value="custom">custom</option>
        <option value="directory">directory</option>
        <option value="plain">plain</option>
      </select>
      <select
        className={select}
        value={form.scope}
        onChange={(e) => patch({ scope: e.target.value as ScheduleFormState["scope"] })}
      >
        <option value="full">schema and data</option>
        <option value="schema">schema only</option>
      </select>
      <Field
        label="Keep days"
        value={form.keepDays}
        onChange={(e) => patch({ keepDays: digitsOnly(e.target.value) })}
      />
      <Button onClick={() => onAdd(form)}>Add schedule</Button>
    </div>
  );
}
