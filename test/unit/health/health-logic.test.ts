import { describe, expect, it } from "vitest";
import { blockingTree } from "../../../src/main/features/activity/blocking-tree";
import { matches } from "../../../src/main/features/activity/activity.service";
import { sequenceUsedPct } from "../../../src/main/features/health/checks/schema.checks";
import { downsample } from "../../../src/main/features/health/downsample";
import { rollUp } from "../../../src/main/features/health/health.service";
import type { HealthCheck, HealthSample } from "../../../src/shared/contract/health";
import type { Session } from "../../../src/shared/contract/activity";

const sample = (i: number): HealthSample => ({
  at: new Date(i * 1000).toISOString(),
  commitsPerSec: i,
  rollbacksPerSec: 0,
  tuplesInPerSec: 2 * i,
  tuplesOutPerSec: 0,
  blocksReadPerSec: 0,
  blocksHitPerSec: 1,
  sessions: { active: i % 2, idle: 3, idleInTransaction: 0, waiting: 0, other: 0 },
});

describe("downsampling live chart points", () => {
  it("keeps short series as they are", () => {
    const s = [sample(1), sample(2)];
    expect(downsample(s, 600)).toBe(s);
  });
  it("averages equal buckets so a chart never draws more than the limit", () => {
    const s = Array.from({ length: 1800 }, (_, i) => sample(i));
    const out = downsample(s, 600);
    expect(out).toHaveLength(600);
    expect(out[0]!.commitsPerSec).toBe(1); // (0 + 1 + 2) / 3
    expect(out[0]!.tuplesInPerSec).toBe(2);
    expect(out[0]!.at).toBe(s[2]!.at);
    expect(out[599]!.at).toBe(s[1799]!.at);
    expect(out[0]!.sessions.idle).toBe(3);
  });
  it("never exceeds the limit when the length does not divide evenly", () => {
    expect(
      downsample(
        Array.from({ length: 1001 }, (_, i) => sample(i)),
        600,
      ).length,
    ).toBeLessThanOrEqual(600);
  });
});

describe("blocking tree", () => {
  it("puts each root blocker first, then who waits on it, depth first", () => {
    const tree = blockingTree([
      { pid: 30, blockedBy: [20] },
      { pid: 20, blockedBy: [10] },
      { pid: 10, blockedBy: [] },
      { pid: 40, blockedBy: [10] },
      { pid: 50, blockedBy: [] },
    ]);
    expect(tree).toEqual([
      { pid: 10, depth: 0, parentPid: null },
      { pid: 20, depth: 1, parentPid: 10 },
      { pid: 30, depth: 2, parentPid: 20 },
      { pid: 40, depth: 1, parentPid: 10 },
    ]);
  });
  it("still shows a cycle that the deadlock detector has not broken yet", () => {
    expect(
      blockingTree([
        { pid: 7, blockedBy: [8] },
        { pid: 8, blockedBy: [7] },
      ]).map((n) => n.pid),
    ).toEqual([7, 8]);
  });
});

describe("sequence usage", () => {
  const base = {
    sequence: "s",
    data_type: "bigint",
    min_value: 1,
    max_value: 2 ** 63 - 1,
    increment_by: 1,
    owner: null,
    column_type: null,
  };
  it("is bounded by a narrower owning column", () => {
    expect(sequenceUsedPct({ ...base, last_value: 2_000_000_000, column_type: "integer" })).toBeCloseTo(
      93.13,
      1,
    );
    expect(sequenceUsedPct({ ...base, last_value: 2_000_000_000 })).toBeLessThan(0.01);
  });
  it("counts descending sequences from the top", () => {
    expect(
      sequenceUsedPct({
        ...base,
        data_type: "integer",
        increment_by: -1,
        min_value: -2147483648,
        max_value: -1,
        last_value: -1073741824,
      }),
    ).toBeCloseTo(50, 1);
  });
});

describe("overall status", () => {
  const c = (status: HealthCheck["status"]) => ({ status }) as HealthCheck;
  it("is the worst status; checks that could not run do not make it unhealthy", () => {
    expect(rollUp([c("pass"), c("error")])).toBe("healthy");
    expect(rollUp([c("pass"), c("warn"), c("error")])).toBe("degraded");
    expect(rollUp([c("warn"), c("fail")])).toBe("unhealthy");
  });
});

describe("session filter", () => {
  const s = {
    pid: 5,
    state: "idle",
    own: false,
    backendType: "client backend",
    query: "SELECT 1",
    applicationName: "api",
    clientAddr: null,
    database: "d",
    user: "u",
  } as Session;
  it("hides idle, own and background sessions unless asked", () => {
    expect(matches(s, {})).toBe(false);
    expect(matches(s, { includeIdle: true })).toBe(true);
    expect(matches({ ...s, state: "active", own: true }, {})).toBe(false);
    expect(matches({ ...s, state: "active", backendType: "autovacuum worker" }, {})).toBe(false);
    expect(matches({ ...s, state: "active" }, { text: "API" })).toBe(true);
  });
});
