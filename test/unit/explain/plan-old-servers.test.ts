import { describe, expect, it } from "vitest";
import { buildPlanModel } from "../../../src/shared/explain/plan.builder";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";

/**
 * Spellings of servers no test here can start (9.0–14), written as those servers printed
 * them (from their documentation and release notes).
 */
describe("plans from older servers", () => {
  it("reads 9.0–9.3's Total runtime as the execution time, and sees the LIMIT stop the scan early", () => {
    const m =
      parsePlanInput(` Limit  (cost=0.00..0.45 rows=10 width=244) (actual time=0.012..0.036 rows=10 loops=1)
   ->  Seq Scan on tenk1  (cost=0.00..445.00 rows=10000 width=244) (actual time=0.010..0.018 rows=10 loops=1)
 Total runtime: 0.105 ms`);
    expect(m.executionMs).toBe(0.105);
    expect(m.nodes[1]!.earlyStop).toMatch(/LIMIT/);
    expect(m.tips.filter((t) => t.kind === "misestimate")).toEqual([]);
  });

  it("reads 9.4–9.6's lower-case Planning time and Execution time", () => {
    const m =
      parsePlanInput(`Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4) (actual time=0.010..0.011 rows=3 loops=1)
Planning time: 0.037 ms
Execution time: 0.025 ms`);
    expect([m.planningMs, m.executionMs]).toEqual([0.037, 0.025]);
  });

  it("reads the JSON's Total Runtime of 9.0–9.3", () => {
    const m = buildPlanModel([
      {
        Plan: {
          "Node Type": "Result",
          "Startup Cost": 0,
          "Total Cost": 0.01,
          "Plan Rows": 1,
          "Plan Width": 0,
          "Actual Startup Time": 0.001,
          "Actual Total Time": 0.002,
          "Actual Rows": 1,
          "Actual Loops": 1,
        },
        "Total Runtime": 0.02,
      },
    ]);
    expect(m.executionMs).toBe(0.02);
  });

  it("reads InitPlans that return $0, CTEs and hashed SubPlans as 9.x–15 named them", () => {
    const m =
      parsePlanInput(`Seq Scan on t  (cost=20.04..41.54 rows=5 width=4) (actual time=0.050..0.050 rows=1 loops=1)
  Filter: ((id = $0) AND (NOT (hashed SubPlan 3)))
  Rows Removed by Filter: 9
  CTE big
    ->  Seq Scan on u  (cost=0.00..18.50 rows=850 width=4) (actual time=0.003..0.004 rows=2 loops=1)
  InitPlan 2 (returns $0)
    ->  CTE Scan on big  (cost=0.00..17.00 rows=850 width=4) (actual time=0.004..0.005 rows=1 loops=1)
  SubPlan 3
    ->  Seq Scan on v  (cost=0.00..1.01 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=1)
Total runtime: 0.2 ms`);
    expect(m.nodes.map((n) => [n.subplanName, n.parentRelationship])).toEqual([
      [null, null],
      ["CTE big", "InitPlan"],
      ["InitPlan 2 (returns $0)", "InitPlan"],
      ["SubPlan 3", "SubPlan"],
    ]);
    // a hashed subplan reads all its rows: no early stop
    expect(m.nodes[3]!.earlyStop).toBeNull();
    // an initplan returning one row stopped at it
    expect(m.nodes[2]!.earlyStop).toMatch(/two rows/);
  });

  it("reads the old two-space Sort Method, 8.3's IN joins and 14 beta's Result Cache", () => {
    const m = parsePlanInput(`Hash IN Join  (cost=10.00..20.00 rows=10 width=4)
  Hash Cond: (a.id = b.id)
  ->  Sort  (cost=1.00..1.10 rows=10 width=4) (actual time=0.010..0.011 rows=10 loops=1)
        Sort Key: a.id
        Sort Method:  quicksort  Memory: 25kB
        ->  Seq Scan on a  (cost=0.00..1.00 rows=10 width=4)
  ->  Hash  (cost=1.00..1.00 rows=10 width=4)
        ->  Result Cache  (cost=0.00..1.00 rows=10 width=4)`);
    expect(m.nodes.map((n) => n.nodeType)).toEqual(["Hash Join", "Sort", "Seq Scan", "Hash", "Memoize"]);
    expect(m.nodes[0]!.joinType).toBe("In");
    expect([m.nodes[1]!.sortMethod, m.nodes[1]!.sortSpaceType, m.nodes[1]!.sortSpaceKb]).toEqual([
      "quicksort",
      "Memory",
      25,
    ]);
  });

  it("reads I/O timings in each era's words: read/write (–14), shared/local (15–16), per kind (17+)", () => {
    const io = (line: string) =>
      parsePlanInput(
        `Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.1..0.2 rows=1 loops=1)\n  ${line}`,
      ).nodes[0]!.io;
    expect(io("I/O Timings: read=1.500 write=0.250")).toEqual([
      { scope: "shared/local", readMs: 1.5, writeMs: 0.25 },
    ]);
    expect(io("I/O Timings: shared/local read=1.500, temp read=0.100 write=0.200")).toEqual([
      { scope: "shared/local", readMs: 1.5, writeMs: null },
      { scope: "temp", readMs: 0.1, writeMs: 0.2 },
    ]);
    expect(io("I/O Timings: shared read=1.000, local write=2.000")).toEqual([
      { scope: "shared", readMs: 1, writeMs: null },
      { scope: "local", readMs: null, writeMs: 2 },
    ]);
  });

  it("reads a constraint trigger printed without its name, and COSTS OFF with TIMING OFF", () => {
    const m = parsePlanInput(`Insert on child (actual rows=0 loops=1)
  ->  Result (actual rows=1 loops=1)
Trigger for constraint child_parent_fkey: calls=1`);
    expect(m.costs).toBe(false);
    expect(m.timed).toBe(false);
    expect(m.nodes[0]!.totalCost).toBeNull();
    expect(m.triggers).toEqual([
      { name: null, constraintName: "child_parent_fkey", relation: null, timeMs: null, calls: 1 },
    ]);
  });

  it("counts Heap Fetches as printed (a total) and Rows Removed as the per-loop average times the loops", () => {
    const m =
      parsePlanInput(`Nested Loop  (cost=0.29..100.00 rows=500 width=4) (actual time=0.1..1.0 rows=500 loops=1)
  ->  Seq Scan on o  (cost=0.00..1.10 rows=10 width=4) (actual time=0.01..0.02 rows=10 loops=1)
  ->  Index Only Scan using t_k_id on t  (cost=0.29..9.00 rows=50 width=4) (actual time=0.01..0.03 rows=50 loops=10)
        Index Cond: (k = (o.id % 10))
        Filter: ((id % 2) = 0)
        Rows Removed by Filter: 50
        Heap Fetches: 1100`);
    const scan = m.nodes[2]!;
    expect(scan.heapFetches).toBe(1100);
    expect(scan.rowsRemovedByFilter).toBe(500);
  });
});
