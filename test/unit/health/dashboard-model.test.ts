import { describe, expect, it } from "vitest";
import type { HealthCheck, HealthSample } from "../../../src/shared/contract/health";
import {
  intervalLabel,
  mergeSamples,
  offersStatementsInstall,
  sortChecks,
  thresholdValues,
} from "../../../src/renderer/src/features/health/health.model";

const at = (s: number): HealthSample =>
  ({ at: new Date(s * 1000).toISOString(), commitsPerSec: s }) as HealthSample;
const times = (list: HealthSample[]) => list.map((s) => s.commitsPerSec);

describe("live chart points: main's kept samples merged with live ones", () => {
  it("puts the kept history in front of the live points that arrived first", () => {
    const live = [at(10), at(11)];
    expect(times(mergeSamples(live, [at(7), at(8), at(9)], "earlier"))).toEqual([7, 8, 9, 10, 11]);
  });

  it("appends live points, dropping one seen twice (kept by main and also pushed)", () => {
    expect(times(mergeSamples([at(7), at(8)], [at(8)], "later"))).toEqual([7, 8]);
    expect(times(mergeSamples([at(9), at(10)], [at(8), at(9)], "earlier"))).toEqual([8, 9, 10]);
  });

  it("keeps only the newest points", () => {
    const many = Array.from({ length: 10 }, (_, i) => at(i));
    expect(times(mergeSamples(many, [at(10)], "later", 4))).toEqual([7, 8, 9, 10]);
    expect(
      mergeSamples(
        [],
        Array.from({ length: 700 }, (_, i) => at(i)),
        "earlier",
      ),
    ).toHaveLength(600);
  });
});

const check = (id: string, status: HealthCheck["status"], value = "1"): HealthCheck =>
  ({ id, status, value }) as HealthCheck;

describe("the health report as the dashboard shows it", () => {
  it("lists failing checks first, then warnings, checks that could not run, and passing ones", () => {
    const sorted = sortChecks([
      check("a", "pass"),
      check("b", "error"),
      check("c", "fail"),
      check("d", "warn"),
    ]);
    expect(sorted.map((c) => c.id)).toEqual(["c", "d", "b", "a"]);
  });

  it("keeps the report's order within one status", () => {
    const checks = [check("x", "warn"), check("y", "pass"), check("z", "warn")];
    expect(sortChecks(checks).map((c) => c.id)).toEqual(["x", "z", "y"]);
    expect(checks.map((c) => c.id)).toEqual(["x", "y", "z"]); // the report itself is not reordered
  });

  it("offers to install pg_stat_statements only where the statements check found it missing", () => {
    expect(offersStatementsInstall(check("statements", "warn", "not installed"))).toBe(true);
    expect(offersStatementsInstall(check("statements", "pass", "12 statements"))).toBe(false);
    expect(offersStatementsInstall(check("connections", "warn", "not installed"))).toBe(false);
  });

  it("saves only the thresholds that were edited and not emptied, as numbers", () => {
    expect(thresholdValues({ cacheHitRatioWarn: "0.95", connectionsWarnPct: "" } as never)).toEqual({
      cacheHitRatioWarn: 0.95,
    });
    expect(thresholdValues({})).toEqual({});
  });

  it("names refresh intervals in seconds or minutes", () => {
    expect([intervalLabel(5_000), intervalLabel(60_000), intervalLabel(300_000)]).toEqual([
      "5 s",
      "1 min",
      "5 min",
    ]);
  });
});
