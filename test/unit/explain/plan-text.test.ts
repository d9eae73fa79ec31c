import { describe, expect, it } from "vitest";
import { misestimateOf } from "../../../src/shared/explain/plan.builder";
import { comparePlans } from "../../../src/shared/explain/plan.compare";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";

const psqlOutput = `                                  QUERY PLAN
-------------------------------------------------------------------------------
 Index Only Scan using orders_customer on orders  (cost=0.29..900.00 rows=9000 width=4) (actual time=0.02..12.50 rows=8900 loops=1)
   Index Cond: ((customer_id >= 100) AND (customer_id <= 9000))
   Heap Fetches: 8900
   Buffers: shared hit=120 read=30 dirtied=2 written=1
   I/O Timings: shared read=1.250
 Planning Time: 0.100 ms
 JIT:
   Functions: 4
   Options: Inlining true, Optimization true, Expressions true, Deforming true
   Timing: Generation 1.000 ms, Inlining 20.000 ms, Optimization 30.000 ms, Emission 9.000 ms, Total 60.000 ms
 Execution Time: 80.000 ms
(9 rows)
`;

describe("pasted text plans", () => {
  it("reads psql's output with its header, footer, buffers, I/O timings and JIT", () => {
    const m = parsePlanInput(psqlOutput);
    expect(m.nodes).toHaveLength(1);
    const n = m.nodes[0]!;
    expect(n.nodeType).toBe("Index Only Scan");
    expect(n.indexName).toBe("orders_customer");
    expect(n.relation).toBe("orders");
    expect(n.buffers).toMatchObject({ sharedHit: 120, sharedRead: 30, sharedDirtied: 2, sharedWritten: 1 });
    expect(n.ioReadMs).toBe(1.25);
    expect(m.jit).toMatchObject({ functions: 4, totalMs: 60 });
    expect(m.executionMs).toBe(80);
    expect(m.tips.map((t) => t.kind).sort()).toEqual(["heap-fetches", "jit-cost"]);
    expect(m.tips.find((t) => t.kind === "jit-cost")?.title).toContain("75%");
  });

  it("reads a JSON plan as psql prints it, with + continuations", () => {
    const m = parsePlanInput(`       QUERY PLAN
-------------------------
 [                      +
   {                    +
     "Plan": {          +
       "Node Type": "Result",+
       "Startup Cost": 0.00,+
       "Total Cost": 0.01,  +
       "Plan Rows": 1,      +
       "Plan Width": 4      +
     }                  +
   }                    +
 ]
(1 row)`);
    expect(m.source).toBe("json");
    expect(m.nodes[0]!.nodeType).toBe("Result");
    expect(m.analyzed).toBe(false);
  });

  it("reads a plan without ANALYZE, with joins, never-executed nodes and markup in names kept as text", () => {
    const m =
      parsePlanInput(`Hash Left Join  (cost=1.09..2.23 rows=3 width=8) (actual time=0.020..0.025 rows=0 loops=1)
  Hash Cond: (a.id = b.id)
  ->  Seq Scan on "<img src=x onerror=alert(1)>" a  (cost=0.00..1.10 rows=10 width=4) (actual time=0.005..0.006 rows=0 loops=1)
        Filter: (note = '<b>bold</b>'::text)
  ->  Hash  (cost=1.04..1.04 rows=4 width=4) (never executed)
        ->  Seq Scan on b  (cost=0.00..1.04 rows=4 width=4) (never executed)`);
    expect(m.nodes.map((n) => n.nodeType)).toEqual(["Hash Join", "Seq Scan", "Hash", "Seq Scan"]);
    expect(m.nodes[0]!.joinType).toBe("Left");
    expect(m.nodes[1]!.relation).toBe("<img src=x onerror=alert(1)>");
    expect(m.nodes[1]!.label).toBe('Seq Scan on "<img src=x onerror=alert(1)>" a');
    expect(m.nodes[1]!.filter).toBe("(note = '<b>bold</b>'::text)");
    expect(m.nodes[2]!.neverExecuted).toBe(true);
    expect(m.nodes[2]!.parentRelationship).toBe("Inner");
    expect(m.nodes[3]!.misestimate).toBeNull();
  });

  it("keeps VERBOSE per-worker figures out of the node's own", () => {
    const m =
      parsePlanInput(` Gather  (cost=1000.00..2000.00 rows=10 width=4) (actual time=1.0..20.0 rows=10 loops=1)
   Output: id
   Workers Planned: 2
   Workers Launched: 2
   Buffers: shared hit=300
   ->  Parallel Seq Scan on public.t  (cost=0.00..1000.00 rows=4 width=4) (actual time=0.5..15.0 rows=3 loops=3)
         Output: id
         Filter: (t.v = 1)
         Rows Removed by Filter: 3000
         Buffers: shared hit=300
         Worker 0:  actual time=0.4..14.0 rows=3 loops=1
           Buffers: shared hit=90
         Worker 1:  actual time=0.6..14.5 rows=3 loops=1
           Buffers: shared hit=95
 Planning Time: 0.1 ms
 Execution Time: 20.5 ms`);
    const scan = m.nodes[1]!;
    expect(scan.buffers?.sharedHit).toBe(300);
    expect([scan.schema, scan.relation]).toEqual(["public", "t"]);
    expect(scan.inclusiveMs).toBeCloseTo(15, 5);
    expect(m.nodes[0]!.workersLaunched).toBe(2);
    expect(m.executionMs).toBe(20.5);
  });

  it("refuses text that is not a plan, in words", () => {
    expect(() => parsePlanInput("")).toThrow(/Paste a plan/);
    expect(() => parsePlanInput("{ not json")).toThrow(/does not parse/);
    expect(() => parsePlanInput('{"a": 1}')).toThrow(/not an EXPLAIN plan/);
  });
});

describe("misestimates", () => {
  it("grades the factor with the 10/100/1000x thresholds and says which way", () => {
    expect(misestimateOf(10, 9)).toMatchObject({ severity: 0, direction: "over" });
    expect(misestimateOf(1, 0)).toMatchObject({ factor: 1, severity: 0 });
    expect(misestimateOf(10, 100)).toMatchObject({ factor: 10, severity: 1, direction: "under" });
    expect(misestimateOf(500, 2)).toMatchObject({ factor: 250, severity: 2, direction: "over" });
    expect(misestimateOf(1, 1500)).toMatchObject({ severity: 3, direction: "under" });
  });

  it("turns a big misestimate into a tip on its node", () => {
    const m = parsePlanInput(
      `Seq Scan on events  (cost=0.00..10.00 rows=1 width=4) (actual time=0.01..50.00 rows=250000 loops=1)`,
    );
    const tip = m.tips.find((t) => t.kind === "misestimate")!;
    expect(tip.nodeId).toBe(0);
    expect(tip.severity).toBe("critical");
    expect(tip.detail).toContain("ANALYZE events");
  });
});

describe("early stops: fewer rows than planned is expected, not a misestimate", () => {
  const misestimated = (text: string) =>
    parsePlanInput(text)
      .tips.filter((t) => t.kind === "misestimate")
      .map((t) => t.nodeId);

  it("on a Merge Join's side that stopped once the other ran out", () => {
    const m =
      parsePlanInput(`Merge Join  (cost=0.57..9000.00 rows=5000 width=8) (actual time=0.02..1.50 rows=500 loops=1)
  Merge Cond: (a.id = b.id)
  ->  Index Scan using a_pkey on a  (cost=0.29..300.00 rows=500 width=4) (actual time=0.01..0.30 rows=500 loops=1)
  ->  Index Scan using b_pkey on b  (cost=0.29..8000.00 rows=200000 width=4) (actual time=0.01..0.40 rows=501 loops=1)
Execution Time: 1.600 ms`);
    expect(m.nodes[2]!.earlyStop).toMatch(/Merge Join/);
    expect(m.tips.filter((t) => t.kind === "misestimate")).toEqual([]);
  });

  it("on a semi or anti join's inner side, which stops at the first match", () => {
    for (const join of ["Semi", "Anti"])
      expect(
        misestimated(`Nested Loop ${join} Join  (cost=0.29..900.00 rows=100 width=4) (actual time=0.02..2.00 rows=100 loops=1)
  ->  Seq Scan on c  (cost=0.00..2.00 rows=100 width=4) (actual time=0.01..0.05 rows=100 loops=1)
  ->  Index Only Scan using t_k on t  (cost=0.29..50.00 rows=5000 width=4) (actual time=0.01..0.01 rows=1 loops=100)
        Index Cond: (k = c.id)
Execution Time: 2.100 ms`),
      ).toEqual([]);
  });

  it("but still on an over-estimate with no early stop, and on an under-estimate under a LIMIT", () => {
    expect(
      misestimated(`Hash Semi Join  (cost=200.00..900.00 rows=100 width=4) (actual time=0.02..2.00 rows=100 loops=1)
  Hash Cond: (c.id = t.k)
  ->  Seq Scan on c  (cost=0.00..2.00 rows=100 width=4) (actual time=0.01..0.05 rows=100 loops=1)
  ->  Hash  (cost=50.00..50.00 rows=5000 width=4) (actual time=0.50..0.50 rows=5 loops=1)
        ->  Seq Scan on t  (cost=0.00..50.00 rows=5000 width=4) (actual time=0.01..0.40 rows=5 loops=1)
Execution Time: 2.100 ms`),
    ).toEqual([2, 3]);
    expect(
      misestimated(`Limit  (cost=0.00..1.00 rows=10 width=4) (actual time=0.02..9.00 rows=10 loops=1)
  ->  Seq Scan on t  (cost=0.00..10.00 rows=1 width=4) (actual time=0.01..8.00 rows=5000 loops=1)
Execution Time: 9.100 ms`),
    ).toEqual([1]);
  });
});

describe("comparing two plans", () => {
  const before =
    parsePlanInput(`Hash Join  (cost=10.00..500.00 rows=100 width=8) (actual time=1.0..40.0 rows=100 loops=1)
  Hash Cond: (o.customer_id = c.id)
  Buffers: shared hit=100 read=900
  ->  Seq Scan on orders o  (cost=0.00..400.00 rows=100 width=8) (actual time=0.1..35.0 rows=100 loops=1)
        Filter: (amount = 5)
        Rows Removed by Filter: 99900
  ->  Hash  (cost=5.00..5.00 rows=50 width=4) (actual time=0.5..0.5 rows=50 loops=1)
        ->  Seq Scan on customers c  (cost=0.00..5.00 rows=50 width=4) (actual time=0.1..0.3 rows=50 loops=1)
Execution Time: 41.0 ms`);
  const after =
    parsePlanInput(`Nested Loop  (cost=0.50..60.00 rows=100 width=8) (actual time=0.1..1.5 rows=100 loops=1)
  Buffers: shared hit=300
  ->  Index Scan using orders_amount on orders o  (cost=0.29..20.00 rows=100 width=8) (actual time=0.05..0.4 rows=100 loops=1)
        Index Cond: (amount = 5)
  ->  Index Scan using customers_pkey on customers c  (cost=0.20..0.30 rows=1 width=4) (actual time=0.005..0.006 rows=1 loops=100)
        Index Cond: (id = o.customer_id)
Execution Time: 1.6 ms`);

  it("pairs the scans of the same tables even when the join and access paths changed", () => {
    const cmp = comparePlans(before, after);
    const label = (r: (typeof cmp.rows)[number]) => [
      r.a === null ? null : before.nodes[r.a]!.label,
      r.b === null ? null : after.nodes[r.b]!.label,
      r.status,
    ];
    expect(cmp.rows.map(label)).toEqual([
      ["Hash Join", "Nested Loop", "changed"],
      ["Seq Scan on orders o", "Index Scan using orders_amount on orders o", "changed"],
      ["Hash", null, "removed"],
      ["Seq Scan on customers c", "Index Scan using customers_pkey on customers c", "changed"],
    ]);
    expect(cmp.summary.executionMs).toEqual({ a: 41, b: 1.6 });
    expect(cmp.summary.sharedRead).toEqual({ a: 900, b: 0 });
  });

  it("matches identical plans node for node", () => {
    const cmp = comparePlans(before, before);
    expect(cmp.rows.every((r) => r.status === "same" && r.a === r.b)).toBe(true);
    expect(cmp.rows).toHaveLength(before.nodes.length);
  });
});
