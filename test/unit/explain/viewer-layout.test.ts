import { describe, expect, it } from "vitest";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";
import { icicleLayout } from "../../../src/shared/explain/icicle.layout";
import { visibleNodeIds } from "../../../src/shared/explain/plan-tree.rows";

const plan =
  parsePlanInput(`Hash Join  (cost=1.00..100.00 rows=10 width=8) (actual time=0.1..10.0 rows=10 loops=1)
  ->  Seq Scan on a  (cost=0.00..50.00 rows=10 width=4) (actual time=0.1..6.0 rows=10 loops=1)
  ->  Hash  (cost=1.00..1.00 rows=10 width=4) (actual time=0.1..2.0 rows=10 loops=1)
        ->  Seq Scan on b  (cost=0.00..1.00 rows=10 width=4) (actual time=0.1..2.0 rows=10 loops=1)
  ->  Seq Scan on tiny  (cost=0.00..1.00 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=1)`);

describe("plan viewer layout", () => {
  it("hides the subtree of a collapsed node and nothing else", () => {
    expect(visibleNodeIds(plan, new Set())).toEqual([0, 1, 2, 3, 4]);
    expect(visibleNodeIds(plan, new Set([2]))).toEqual([0, 1, 2, 4]);
    expect(visibleNodeIds(plan, new Set([0]))).toEqual([0]);
  });

  it("gives each node of the icicle its share of its parent's width by inclusive time", () => {
    const boxes = icicleLayout(plan);
    const box = (id: number) => boxes.find((b) => b.id === id);
    expect(box(0)).toMatchObject({ x: 0, w: 1 });
    expect(box(1)!.w).toBeCloseTo(0.6);
    expect(box(2)).toMatchObject({ depth: 1 });
    expect(box(2)!.x).toBeCloseTo(0.6);
    expect(box(3)!.w).toBeCloseTo(0.2);
    // 0.001 ms of 10 ms is narrower than a pixel: dropped
    expect(box(4)).toBeUndefined();
  });
});
