import { describe, expect, it } from "vitest";
import {
  emptyRestoreForm,
  targetOf,
  wallClockIn,
  zoneOffset,
} from "../../../src/renderer/src/features/pitr/restore-form.model";

describe("restore form", () => {
  it("reads a picked time in the server's time zone, with its offset", () => {
    expect(targetOf({ ...emptyRestoreForm, time: "2026-12-07T14:04:05" }, "UTC")).toEqual({
      target: { kind: "time", time: "2026-12-07 14:04:05+00:00" },
    });
    expect(targetOf({ ...emptyRestoreForm, time: "2026-07-01T09:30" }, "Europe/Berlin")).toEqual({
      target: { kind: "time", time: "2026-07-01 09:30:00+02:00" },
    });
    expect(zoneOffset("America/New_York", "2026-12-07T12:00:00")).toBe("-05:00");
    expect(zoneOffset("Asia/Kolkata", "2026-12-07T12:00:00")).toBe("+05:30");
  });

  it("says what is missing instead of guessing", () => {
    expect(targetOf({ ...emptyRestoreForm, time: "" }, "UTC")).toEqual({ error: "Pick a date and a time." });
    expect(targetOf({ ...emptyRestoreForm, time: "2026-12-07T14:04" }, "Mars/Olympus")).toMatchObject({
      error: expect.stringContaining("unknown to this browser"),
    });
    expect(targetOf({ ...emptyRestoreForm, kind: "lsn", lsn: "3000060" }, "UTC")).toEqual({
      error: "An LSN looks like 0/3000060.",
    });
    expect(targetOf({ ...emptyRestoreForm, kind: "name", name: " " }, "UTC")).toEqual({
      error: "Type the restore point's name.",
    });
    expect(targetOf({ ...emptyRestoreForm, kind: "latest" }, "UTC")).toEqual({ target: { kind: "latest" } });
  });

  it("shows instants as wall-clock time in the server's zone", () => {
    expect(wallClockIn("UTC", "2026-12-07T14:04:05.123Z")).toBe("2026-12-07 14:04:05");
    expect(wallClockIn("Europe/Berlin", "2026-12-07T14:04:05Z")).toBe("2026-12-07 15:04:05");
  });
});
