import { describe, expect, it } from "vitest";
import { judgeArchiving, type ArchiverFacts } from "../../../src/shared/pitr/archiving.model";

const now = new Date("2026-12-07T12:00:00Z");
const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
const t = { stallWarnSec: 60, stallFailSec: 300 };

function facts(over: Partial<ArchiverFacts> = {}): ArchiverFacts {
  return {
    mode: "on",
    command: "pgbackrest --config=/etc/pgbackrest.conf --stanza=main archive-push %p",
    library: "",
    inRecovery: false,
    archivedCount: 10,
    lastArchivedAt: ago(20),
    failedCount: 0,
    lastFailedWal: null,
    lastFailedAt: null,
    ready: { count: 0, oldestAgeSec: null },
    now,
    ...over,
  };
}

describe("archiving verdict", () => {
  it("is green when the last archive is recent and nothing waits", () => {
    const v = judgeArchiving(facts(), t);
    expect(v).toMatchObject({ state: "ok", status: "pass" });
    expect(v.summary).toContain("20 s ago");
  });

  it("turns red when the last failure is newer than the last success, quoting the command's error", () => {
    const v = judgeArchiving(
      facts({
        failedCount: 6,
        lastFailedAt: ago(5),
        lastFailedWal: "000000010000000000000007",
        lastError: "ERROR: [047]: unable to create path",
      }),
      t,
    );
    expect(v).toMatchObject({ state: "failing", status: "fail" });
    expect(v.summary).toContain("000000010000000000000007");
    expect(v.summary).toContain("ERROR: [047]: unable to create path");
  });

  it("is green again once a later segment was archived after the failure", () => {
    const v = judgeArchiving(facts({ failedCount: 6, lastFailedAt: ago(30), lastArchivedAt: ago(2) }), t);
    expect(v.state).toBe("ok");
  });

  it("calls it stalled when segments wait and nothing got through, with the failure counter unchanged", () => {
    const v = judgeArchiving(facts({ lastArchivedAt: ago(400), ready: { count: 3, oldestAgeSec: 350 } }), t);
    expect(v).toMatchObject({ state: "stalled", status: "fail" });
    expect(v.summary).toContain("3 segments waiting");
    expect(
      judgeArchiving(facts({ lastArchivedAt: ago(90), ready: { count: 1, oldestAgeSec: 80 } }), t),
    ).toMatchObject({
      state: "stalled",
      status: "warn",
    });
  });

  it("does not call a moving archiver stalled because an old backlog remains", () => {
    const v = judgeArchiving(facts({ lastArchivedAt: ago(3), ready: { count: 40, oldestAgeSec: 900 } }), t);
    expect(v.state).toBe("ok");
  });

  it("says when the backlog cannot be seen, and warns only when a stall is possible", () => {
    const fresh = judgeArchiving(facts({ ready: null }), t);
    expect(fresh).toMatchObject({ state: "ok", status: "pass" });
    expect(fresh.summary).toContain("pg_monitor");
    expect(judgeArchiving(facts({ ready: null, lastArchivedAt: ago(1000) }), t)).toMatchObject({
      state: "unknown",
      status: "warn",
    });
  });

  it("tells off, standbys and an empty command apart", () => {
    expect(judgeArchiving(facts({ mode: "off" }), t).state).toBe("off");
    expect(judgeArchiving(facts({ inRecovery: true }), t).state).toBe("idle");
    expect(judgeArchiving(facts({ inRecovery: true, mode: "always", lastFailedAt: ago(1) }), t).state).toBe(
      "failing",
    );
    expect(judgeArchiving(facts({ command: "" }), t)).toMatchObject({ state: "failing", status: "fail" });
  });

  it("counts a failure with nothing ever archived as failing", () => {
    const v = judgeArchiving(facts({ lastArchivedAt: null, lastFailedAt: ago(1), failedCount: 3 }), t);
    expect(v.state).toBe("failing");
    expect(v.summary).toContain("nothing archived since statistics were reset");
  });
});
