import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { BackupFormat } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { call } from "../../lib/api";
import { backupKeys, useDatabases } from "./backup.queries";
import { useBackupUi } from "./backup.store";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Daily or weekly backups into the current folder while the app runs; failed runs also show above every screen (ScheduleFailureBanner, which also refreshes this list when a schedule runs). */
export function SchedulesPanel({ profileId }: { profileId: string }) {
  const { folder } = useBackupUi();
  const client = useQueryClient();
  const schedules = useQuery({
    queryKey: backupKeys.schedules(),
    queryFn: () => call("backup:schedules", {}),
  });
  const dbs = useDatabases(profileId);
  const [database, setDatabase] = useState("");
  const [time, setTime] = useState("03:00");
  const [weekday, setWeekday] = useState("");
  const [format, setFormat] = useState<BackupFormat>("custom");
  const [scope, setScope] = useState<"full" | "schema">("full");
  const [keepDays, setKeepDays] = useState("30");
  const [error, setError] = useState<unknown>();

  const save = async () => {
    setError(undefined);
    try {
      await call("backup:saveSchedule", {
        profileId,
        database: database || dbs.data?.current || "",
        folder,
        format,
        scope,
        time,
        ...(weekday !== "" ? { weekday: Number(weekday) } : {}),
        ...(keepDays ? { retention: { newerThanDays: Number(keepDays) } } : {}),
      });
      await client.invalidateQueries({ queryKey: backupKeys.schedules() });
    } catch (err) {
      setError(err);
    }
  };
  const select = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
  return (
    <section
      className="flex flex-col gap-2 rounded border border-slate-200 p-4 text-sm dark:border-slate-800"
      data-testid="schedules-panel"
    >
      <h2 className="font-semibold">Scheduled backups</h2>
      <ul className="flex flex-col gap-1">
        {(schedules.data ?? []).map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-2">
            <span>
              {s.database} · {s.weekday === undefined ? "daily" : `every ${DAYS[s.weekday]}`} at {s.time} ·{" "}
              {s.format}, {s.scope} → <span className="font-mono text-xs">{s.folder}</span>
              {s.lastRunAt && (
                <span className="text-slate-500">
                  {" "}
                  · last run {new Date(s.lastRunAt).toLocaleString()} ({s.lastResult?.state})
                </span>
              )}
            </span>
            <Button
              onClick={() =>
                void call("backup:deleteSchedule", { id: s.id }).then(() =>
                  client.invalidateQueries({ queryKey: backupKeys.schedules() }),
                )
              }
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {folder && (
        <div className="flex flex-wrap items-end gap-2">
          <select
            className={select}
            value={database || dbs.data?.current || ""}
            onChange={(e) => setDatabase(e.target.value)}
          >
            {(dbs.data?.names ?? []).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <Field label="Time (HH:MM)" value={time} onChange={(e) => setTime(e.target.value)} />
          <select className={select} value={weekday} onChange={(e) => setWeekday(e.target.value)}>
            <option value="">Every day</option>
            {DAYS.map((d, i) => (
              <option key={d} value={i}>
                Every {d}
              </option>
            ))}
          </select>
          <select
            className={select}
            value={format}
            onChange={(e) => setFormat(e.target.value as BackupFormat)}
          >
            <option value="custom">custom</option>
            <option value="directory">directory</option>
            <option value="plain">plain</option>
          </select>
          <select
            className={select}
            value={scope}
            onChange={(e) => setScope(e.target.value as "full" | "schema")}
          >
            <option value="full">schema and data</option>
            <option value="schema">schema only</option>
          </select>
          <Field
            label="Keep days"
            value={keepDays}
            onChange={(e) => setKeepDays(e.target.value.replace(/\D/g, ""))}
          />
          <Button onClick={() => void save()}>Add schedule</Button>
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
