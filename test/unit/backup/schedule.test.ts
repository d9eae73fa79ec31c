import { describe, expect, it } from "vitest";
import { isDue, lastOccurrence } from "../../../src/main/features/backup/backup.scheduler";
import type { Schedule } from "../../../src/shared/contract/backup";

const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);
const base = (extra: Partial<Schedule>): Schedule => ({
  id: "s",
  profileId: "p",
  database: "d",
  folder: "/b",
  format: "custom",
  scope: "full",
  time: "03:00",
  createdAt: at(2026, 3, 1, 12, 0).toISOString(),
  ...extra,
});

describe("backup schedules", () => {
  it("finds the latest daily and weekly moment at or before now (local time)", () => {
    expect(lastOccurrence({ time: "03:00" }, at(2026, 3, 10, 2, 59))).toEqual(at(2026, 3, 9, 3, 0));
    expect(lastOccurrence({ time: "03:00" }, at(2026, 3, 10, 3, 0))).toEqual(at(2026, 3, 10, 3, 0));
    // 2026-03-10 is a Tuesday; the last Sunday 03:00 was the 8th
    expect(lastOccurrence({ time: "03:00", weekday: 0 }, at(2026, 3, 10, 12, 0))).toEqual(
      at(2026, 3, 8, 3, 0),
    );
  });

  it("is not due for a moment before it was created, is due once after, and catches up a missed run", () => {
    expect(isDue(base({}), at(2026, 3, 1, 13, 0))).toBe(false);
    expect(isDue(base({}), at(2026, 3, 2, 3, 1))).toBe(true);
    expect(isDue(base({ lastRunAt: at(2026, 3, 2, 3, 1).toISOString() }), at(2026, 3, 2, 23, 0))).toBe(false);
    expect(isDue(base({ lastRunAt: at(2026, 3, 2, 3, 1).toISOString() }), at(2026, 3, 5, 9, 0))).toBe(true);
  });
});
