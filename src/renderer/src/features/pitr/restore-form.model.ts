import type { RestoreTarget } from "../../../../shared/contract/pitr";

export type TargetKind = RestoreTarget["kind"];

export interface RestoreForm {
  kind: TargetKind;
  /** "2026-12-07T14:04:05" (datetime-local), wall-clock time in the server's time zone. */
  time: string;
  name: string;
  lsn: string;
  repo: string;
}

export const emptyRestoreForm: RestoreForm = { kind: "time", time: "", name: "", lsn: "", repo: "" };

/** "GMT+01:00" / "GMT" → "+01:00" / "+00:00". */
function offsetAt(zone: string, at: Date): string | null {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value;
    if (!part) return null;
    if (part === "GMT") return "+00:00";
    const m = /^GMT([+-]\d{2}):?(\d{2})?$/.exec(part);
    return m ? `${m[1]}:${m[2] ?? "00"}` : null;
  } catch {
    return null;
  }
}

const minutes = (offset: string) =>
  (offset.startsWith("-") ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));

/** The UTC offset a wall-clock time has in a time zone (null when the zone is unknown here). */
export function zoneOffset(zone: string, wallClock: string): string | null {
  const wall = Date.parse(`${wallClock}Z`);
  if (Number.isNaN(wall)) return null;
  const first = offsetAt(zone, new Date(wall));
  if (!first) return null;
  // near a DST change the offset of the true instant can differ from the first guess
  return offsetAt(zone, new Date(wall - minutes(first) * 60_000)) ?? first;
}

/** The restore target the form describes, or what is missing. */
export function targetOf(form: RestoreForm, zone: string): { target: RestoreTarget } | { error: string } {
  switch (form.kind) {
    case "latest":
      return { target: { kind: "latest" } };
    case "name":
      return form.name.trim()
        ? { target: { kind: "name", name: form.name.trim() } }
        : { error: "Type the restore point's name." };
    case "lsn":
      return /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(form.lsn.trim())
        ? { target: { kind: "lsn", lsn: form.lsn.trim() } }
        : { error: "An LSN looks like 0/3000060." };
    case "time": {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(form.time))
        return { error: "Pick a date and a time." };
      const offset = zoneOffset(zone, form.time);
      if (!offset)
        return {
          error: `The server's time zone ${zone} is unknown to this browser; cannot tell the moment.`,
        };
      const withSeconds = form.time.length === 16 ? `${form.time}:00` : form.time;
      return { target: { kind: "time", time: `${withSeconds.replace("T", " ")}${offset}` } };
    }
  }
}

/** An ISO instant as wall-clock text in a time zone ("2026-12-07 14:04:05"), for showing and pre-filling. */
export function wallClockIn(zone: string, iso: string): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(iso));
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
    return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
  } catch {
    return iso;
  }
}
