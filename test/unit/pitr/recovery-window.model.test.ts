import { describe, expect, it } from "vitest";
import type { BackupSet } from "../../../src/shared/contract/pitr";
import {
  checkTarget,
  lsnValue,
  recoverableWindows,
  segmentEndLsn,
} from "../../../src/shared/pitr/recovery-window.model";

function set(
  label: string,
  repo: number,
  stop: string,
  lsnStop: string,
  type: BackupSet["type"] = "full",
): BackupSet {
  return {
    label,
    type,
    repo,
    startedAt: stop,
    stoppedAt: stop,
    lsnStart: lsnStop,
    lsnStop,
    walStart: null,
    walStop: null,
    databaseBytes: 1,
    deltaBytes: 1,
    repoBytes: 1,
    repoDeltaBytes: 1,
    prior: null,
    references: [],
    checksumErrors: false,
  };
}

const backups = [
  set("F1", 1, "2026-12-07T10:00:00.000Z", "0/2000100"),
  set("F1_D", 1, "2026-12-07T10:30:00.000Z", "0/6000100", "diff"),
  set("F2", 2, "2026-12-07T11:00:00.000Z", "0/9000100"),
];
const windows = recoverableWindows(backups, "2026-12-07T12:00:00.000Z");
const ctx = { windows, restorePoints: [], archivedUpToLsn: "0/C000000" };

describe("recoverable window", () => {
  it("runs per repository from the oldest backup's stop to the newest archived WAL", () => {
    expect(windows).toEqual([
      {
        repo: 1,
        from: "2026-12-07T10:00:00.000Z",
        fromLsn: "0/2000100",
        oldestBackup: "F1",
        to: "2026-12-07T12:00:00.000Z",
      },
      {
        repo: 2,
        from: "2026-12-07T11:00:00.000Z",
        fromLsn: "0/9000100",
        oldestBackup: "F2",
        to: "2026-12-07T12:00:00.000Z",
      },
    ]);
  });

  it("accepts a time inside and refuses one before the oldest backup or after the newest archived WAL", () => {
    expect(checkTarget({ kind: "time", time: "2026-12-07 11:15:00+00" }, ctx)).toEqual({
      ok: true,
      repo: 1,
      notes: [],
    });
    const early = checkTarget({ kind: "time", time: "2026-12-07 09:59:00+00" }, ctx);
    expect(early.ok).toBe(false);
    expect(!early.ok && early.reason).toContain("before the end of the oldest backup (F1");
    const late = checkTarget({ kind: "time", time: "2026-12-07T13:00:00+01:00" }, ctx);
    expect(late.ok).toBe(true); // 12:00 UTC exactly: the newest archived moment
    const later = checkTarget({ kind: "time", time: "2026-12-07T12:00:01Z" }, ctx);
    expect(!later.ok && later.reason).toContain("after the newest archived WAL");
  });

  it("refuses a time before the chosen repository's oldest backup even if another repository reaches it", () => {
    const r = checkTarget({ kind: "time", time: "2026-12-07 10:45:00+00" }, { ...ctx, repo: 2 });
    expect(!r.ok && r.reason).toContain("F2");
    expect(checkTarget({ kind: "time", time: "2026-12-07 11:45:00+00" }, { ...ctx, repo: 2 })).toMatchObject({
      ok: true,
      repo: 2,
    });
  });

  it("checks LSNs against the oldest backup's end and the archived WAL", () => {
    expect(checkTarget({ kind: "lsn", lsn: "0/5000000" }, ctx)).toMatchObject({ ok: true, repo: 1 });
    expect(checkTarget({ kind: "lsn", lsn: "0/1000000" }, ctx).ok).toBe(false);
    const beyond = checkTarget({ kind: "lsn", lsn: "0/D000000" }, ctx);
    expect(!beyond.ok && beyond.reason).toContain("beyond the newest archived WAL");
  });

  it("checks restore points pgdesk made, and says it cannot check others", () => {
    const points = [{ name: "before-migration", lsn: "0/7000000", createdAt: "2026-12-07T11:30:00Z" }];
    expect(
      checkTarget({ kind: "name", name: "before-migration" }, { ...ctx, restorePoints: points }),
    ).toMatchObject({ ok: true });
    const unknown = checkTarget({ kind: "name", name: "somebody-elses" }, ctx);
    expect(unknown.ok && unknown.notes[0]).toContain("cannot check it in advance");
    const old = [{ name: "old", lsn: "0/1000000", createdAt: "2026-12-07T09:00:00Z" }];
    expect(checkTarget({ kind: "name", name: "old" }, { ...ctx, restorePoints: old }).ok).toBe(false);
  });

  it("refuses everything when there is no backup", () => {
    const r = checkTarget({ kind: "latest" }, { windows: [], restorePoints: [] });
    expect(!r.ok && r.reason).toContain("take a full backup first");
  });

  it("computes LSNs of segment ends", () => {
    expect(segmentEndLsn("000000010000000000000003")).toBe("0/4000000");
    expect(segmentEndLsn("0000000100000001000000FF")).toBe("2/0");
    expect(lsnValue("1/0") - lsnValue("0/FFFFFFFF")).toBe(1n);
  });
});
