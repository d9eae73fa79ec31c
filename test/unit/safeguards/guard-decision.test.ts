import { describe, expect, it } from "vitest";
import { decide, needsEstimate, rowsWrittenByPlan } from "../../../src/shared/safeguards/guard-decision";
import {
  DEFAULT_POLICIES,
  effectivePolicies,
  policyTagOf,
  type TagPolicy,
} from "../../../src/shared/safeguards/tag-policy";

const production = DEFAULT_POLICIES.production;
const drop = { kind: "drop" as const, message: "DROP TABLE orders" };

describe("the decision whether a statement asks first", () => {
  it("asks on production for a destructive statement, naming it", () => {
    expect(decide(production, { hazards: [drop], writes: false })).toEqual({
      confirm: true,
      reasons: ["DROP TABLE orders"],
    });
  });

  it("asks for a write estimated over the limit, with the estimate; not for one under it", () => {
    const facts = { hazards: [], writes: true };
    expect(needsEstimate(production, facts)).toBe(true);
    expect(decide(production, facts, { rows: 1_500 })).toEqual({
      confirm: true,
      reasons: ["It writes about 1,500 rows by EXPLAIN's estimate (over 1,000)"],
      estimate: { rows: 1_500 },
    });
    expect(decide(production, facts, { rows: 1_000 })).toEqual({ confirm: false });
  });

  it("asks when the estimate could not be made, saying why: an unmeasured write never passes silently", () => {
    const d = decide(production, { hazards: [], writes: true }, { unavailable: "EXPLAIN failed: boom" });
    expect(d).toMatchObject({
      confirm: true,
      reasons: ["The rows it writes could not be estimated: EXPLAIN failed: boom"],
    });
    expect(decide(production, { hazards: [], writes: true })).toMatchObject({
      confirm: true,
      reasons: ["The rows it writes were not estimated"],
    });
  });

  it("asks nothing on development, nor for reads anywhere", () => {
    const dev = DEFAULT_POLICIES.development;
    expect(decide(dev, { hazards: [drop], writes: true }, { rows: 1e9 })).toEqual({ confirm: false });
    expect(needsEstimate(dev, { hazards: [], writes: true })).toBe(false);
    expect(needsEstimate(production, { hazards: [], writes: false })).toBe(false);
    expect(decide(production, { hazards: [], writes: false })).toEqual({ confirm: false });
  });

  it("follows each switch of a policy on its own", () => {
    const onlyRows: TagPolicy = { ...production, confirmDestructive: false };
    expect(decide(onlyRows, { hazards: [drop], writes: false })).toEqual({ confirm: false });
    const onlyDestructive: TagPolicy = { ...production, confirmRowsOver: null };
    expect(decide(onlyDestructive, { hazards: [], writes: true })).toEqual({ confirm: false });
  });

  it("gives each tag its saved policy or its default", () => {
    const saved = { ...production, frame: false };
    const all = effectivePolicies({ production: saved });
    expect(all.production).toEqual(saved);
    expect(all.staging).toEqual(DEFAULT_POLICIES.staging);
    expect(policyTagOf(undefined)).toBe("untagged");
    expect(policyTagOf("demo")).toBe("demo");
  });
});

describe("rows a statement writes, from EXPLAIN (FORMAT JSON)", () => {
  const plan = (p: unknown) => [{ Plan: p }];
  it("reads the input of the ModifyTable node (which itself reports 0 rows)", () => {
    expect(
      rowsWrittenByPlan(
        plan({
          "Node Type": "ModifyTable",
          "Plan Rows": 0,
          Plans: [{ "Node Type": "Seq Scan", "Parent Relationship": "Outer", "Plan Rows": 5000 }],
        }),
      ),
    ).toBe(5000);
  });

  it("adds the writes of data-modifying CTEs", () => {
    const write = (rows: number) => ({
      "Node Type": "ModifyTable",
      "Plan Rows": 0,
      Plans: [{ "Node Type": "Seq Scan", "Parent Relationship": "Outer", "Plan Rows": rows }],
    });
    expect(
      rowsWrittenByPlan(plan({ "Node Type": "CTE Scan", "Plan Rows": 10, Plans: [write(10), write(20)] })),
    ).toBe(30);
  });

  it("is undefined for a plan that writes nothing, or no plan", () => {
    expect(rowsWrittenByPlan(plan({ "Node Type": "Seq Scan", "Plan Rows": 3 }))).toBeUndefined();
    expect(rowsWrittenByPlan(null)).toBeUndefined();
  });
});
