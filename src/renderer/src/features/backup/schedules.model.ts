import type { InputOf } from "../../../../shared/contract";
import type { BackupFormat, Schedule } from "../../../../shared/contract/backup";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The new-schedule boxes as typed; weekday "" = every day, keepDays "" = keep everything. */
export interface ScheduleFormState {
  database: string;
  time: string;
  weekday: string;
  format: BackupFormat;
  scope: "full" | "schema";
  keepDays: string;
}

export const initialScheduleForm: ScheduleFormState = {
  database: "",
  time: "03:00",
  weekday: "",
  format: "custom",
  scope: "full",
  keepDays: "30",
};

/** What is saved: the connected database when none was picked, retention only when days are set. */
export function scheduleDraft(
  form: ScheduleFormState,
  where: { profileId: string; folder: string; connectedDatabase: string | undefined },
): InputOf<"backup:saveSchedule"> {
  return {
    profileId: where.profileId,
    database: form.database || where.connectedDatabase || "",
    folder: where.folder,
    format: form.format,
    scope: form.scope,
    time: form.time,
    ...(form.weekday !== "" ? { weekday: Number(form.weekday) } : {}),
    ...(form.keepDays ? { retention: { newerThanDays: Number(form.keepDays) } } : {}),
  };
}

/** "daily" or "every Monday". */
export function scheduleCadence(s: Pick<Schedule, "weekday">): string {
  return s.weekday === undefined ? "daily" : `every ${WEEKDAYS[s.weekday]}`;
}

/** One run of one schedule (a run that failed before it had a job has no job id). */
export const failureKey = (s: Schedule) => `${s.id}@${s.lastRunAt ?? ""}`;

/** Schedules whose last run did not succeed, minus the runs dismissed in this window. */
export function failedRuns(schedules: Schedule[], dismissed: ReadonlySet<string>): Schedule[] {
  return schedules.filter(
    (s) => s.lastResult && s.lastResult.state !== "succeeded" && !dismissed.has(failureKey(s)),
  );
}
