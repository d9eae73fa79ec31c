import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlanModel } from "../../../src/shared/explain/plan.builder";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";
import type { PlanModel } from "../../../src/shared/explain/plan.model";

/** Real plans captured from PostgreSQL 15 by fixtures/generate-fixtures.ts, in JSON and text format. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const json = (name: string) => buildPlanModel(JSON.parse(fixture(`${name}.json`)));
const text = (name: string) => parsePlanInput(fixture(`${name}.txt`));
const byLabel = (m: PlanModel, start: string) => m.nodes.find((n) => n.label.startsWith(start))!;

const names = [
  "seq-filter",
  "sort-spill",
  "hash-join",
  "cte-initplan",
  "nested-loop",
  "index-only",
  "lossy-bitmap",
  "subplan",
];

describe("plan model from real plans", () => {
  it.each(names)("reads %s the same from the JSON and the text format", (name) => {
    const a = json(name);
    const b = text(name);
    expect(b.source).toBe("text");
    expect(b.nodes.map((n) => [n.nodeType, n.depth, n.parentRelationship, n.subplanName])).toEqual(
      a.nodes.map((n) => [n.nodeType, n.depth, n.parentRelationship, n.subplanName]),
    );
    // the two formats come from two runs: plans agree, measured figures only roughly
    expect(b.nodes.map((n) => [n.planRows, n.totalCost, n.relation, n.indexName])).toEqual(
      a.nodes.map((n) => [n.planRows, n.totalCost, n.relation, n.indexName]),
    );
    expect(b.nodes.map((n) => n.buffers === null)).toEqual(a.nodes.map((n) => n.buffers === null));
    expect(b.nodes.map((n) => n.rowsRemovedByFilter === null)).toEqual(
      a.nodes.map((n) => n.rowsRemovedByFilter === null),
    );
    expect(b.nodes.every((n) => n.inclusiveMs !== null && n.exclusiveMs! >= 0)).toBe(true);
    expect(b.executionMs).toBeGreaterThan(0);
    // slow-node tips rest on measured times, which differ between the two runs
    const kinds = (m: PlanModel) =>
      m.tips.filter((t) => t.kind !== "slow-node").map((t) => [t.kind, t.nodeId]);
    expect(kinds(b)).toEqual(kinds(a));
  });

  it("flags the parallel seq scan that discards almost every row, with wall-clock time per worker", () => {
    const m = json("seq-filter");
    const scan = byLabel(m, "Parallel Seq Scan");
    expect(scan.parallelAware).toBe(true);
    expect(scan.rowsRemovedByFilter).toBe(99999 * 2);
    // 2 loops over 2 processes (1 worker + leader): the wall clock is one loop's time
    expect(scan.inclusiveMs).toBeCloseTo(scan.actualTotalMs!, 5);
    expect(scan.timeSeverity).toBeGreaterThanOrEqual(2);
    const tip = m.tips.find((t) => t.kind === "seq-scan-filter")!;
    expect(tip.nodeId).toBe(scan.id);
    expect(tip.title).toContain("public.orders");
  });

  it("reports sorts and hashes that spill to disk", () => {
    const sort = json("sort-spill");
    const s = byLabel(sort, "Sort");
    expect(s.sortSpaceType).toBe("Disk");
    expect(sort.tips.find((t) => t.kind === "sort-spill")?.nodeId).toBe(s.id);

    const hash = json("hash-join");
    const h = hash.nodes.find((n) => n.nodeType === "Hash")!;
    expect(h.hashBatches).toBe(16);
    expect(hash.tips.find((t) => t.kind === "hash-spill")?.nodeId).toBe(h.id);
  });

  it("counts buffers inclusive as reported and exclusive per node", () => {
    const m = json("hash-join");
    const root = m.nodes[0]!;
    expect(root.buffers?.sharedHit).toBe(2665);
    expect(root.buffers?.tempRead).toBe(root.buffers?.tempWritten);
    const hash = m.nodes.find((n) => n.nodeType === "Hash")!;
    expect(hash.exclusiveBuffers?.sharedHit).toBe(0);
    expect(hash.exclusiveBuffers?.tempWritten).toBe(120);
    expect(m.settings).toContainEqual(["work_mem", "64kB"]);
  });

  it("does not subtract a CTE from the node it hangs under, but from the CTE scans reading it", () => {
    const m = json("cte-initplan");
    const cte = m.nodes.find((n) => n.subplanName === "CTE big")!;
    expect(cte.parentRelationship).toBe("InitPlan");
    const scans = m.nodes.filter((n) => n.nodeType === "CTE Scan");
    expect(scans).toHaveLength(2);
    for (const s of scans) expect(s.exclusiveMs!).toBeLessThan(s.inclusiveMs!);
    const exclusiveSum = m.nodes.reduce((s, n) => s + n.exclusiveMs!, 0);
    // no time is counted twice: the parts add up to at most the whole
    expect(exclusiveSum).toBeLessThanOrEqual(m.nodes[0]!.inclusiveMs! + 1e-6);
    for (const n of m.nodes) expect(n.exclusiveMs!).toBeGreaterThanOrEqual(0);
  });

  it("subtracts a per-row SubPlan from the node that runs it", () => {
    const m = json("subplan");
    const root = m.nodes[0]!;
    const sub = m.nodes.find((n) => n.subplanName === "SubPlan 1")!;
    expect(sub.actualLoops).toBe(199);
    expect(sub.inclusiveMs).toBeCloseTo(sub.actualTotalMs! * 199, 5);
    expect(root.exclusiveMs).toBeCloseTo(root.inclusiveMs! - sub.inclusiveMs!, 5);
  });

  it("points at a nested loop running its inner side thousands of times", () => {
    const m = json("nested-loop");
    const tip = m.tips.find((t) => t.kind === "nested-loop-loops")!;
    expect(m.nodes[tip.nodeId!]!.nodeType).toBe("Nested Loop");
    expect(tip.title).toContain("2,940");
  });

  it("reports lossy bitmap heap scans", () => {
    const m = json("lossy-bitmap");
    const scan = m.nodes.find((n) => n.nodeType === "Bitmap Heap Scan")!;
    expect(scan.lossyHeapBlocks).toBeGreaterThan(0);
    expect(m.tips.find((t) => t.kind === "lossy-bitmap")?.nodeId).toBe(scan.id);
  });
});
