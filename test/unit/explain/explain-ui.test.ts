import { describe, expect, it } from "vitest";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";
import {
  isNewRequest,
  defaultExplainOptions,
  needsNewerServer,
  timeoutSeconds,
} from "../../../src/renderer/src/features/explain/explain-options.model";
import { delta } from "../../../src/renderer/src/features/explain/plan.format";
import {
  collapseBelowTop,
  revealNode,
  toggleCollapsed,
} from "../../../src/renderer/src/features/explain/plan-tree.model";

const plan =
  parsePlanInput(`Hash Join  (cost=1.00..100.00 rows=10 width=8) (actual time=0.1..10.0 rows=10 loops=1)
  ->  Seq Scan on a  (cost=0.00..50.00 rows=10 width=4) (actual time=0.1..6.0 rows=10 loops=1)
  ->  Hash  (cost=1.00..1.00 rows=10 width=4) (actual time=0.1..2.0 rows=10 loops=1)
        ->  Seq Scan on b  (cost=0.00..1.00 rows=10 width=4) (actual time=0.1..2.0 rows=10 loops=1)`);

describe("plan tree: collapsing and revealing nodes", () => {
  it("toggles one node", () => {
    expect([...toggleCollapsed(new Set(), 2)]).toEqual([2]);
    expect([...toggleCollapsed(new Set([2]), 2)]).toEqual([]);
  });

  it("'Collapse all' folds the root's children that have children", () => {
    expect([...collapseBelowTop(plan)]).toEqual([2]);
  });

  it("a tip's node is revealed by expanding every ancestor, and only those", () => {
    expect([...revealNode(plan, new Set([0, 1, 2]), 3)].sort()).toEqual([1]);
  });
});

describe("explain options", () => {
  it("asks for buffers by default and ANALYZE only when chosen", () => {
    expect(defaultExplainOptions(false)).toEqual({
      analyze: false,
      buffers: true,
      verbose: false,
      settings: false,
      wal: false,
    });
    expect(defaultExplainOptions(true).analyze).toBe(true);
  });

  it("holds SERIALIZE and MEMORY back on servers before 17, not on unknown ones", () => {
    expect(needsNewerServer("serialize", 160004)).toBe(true);
    expect(needsNewerServer("memory", 170000)).toBe(false);
    expect(needsNewerServer("memory", undefined)).toBe(false);
    expect(needsNewerServer("buffers", 90600)).toBe(false);
  });

  it("reads the timeout box as at least one second, 60 when unreadable", () => {
    expect([timeoutSeconds("5"), timeoutSeconds("0"), timeoutSeconds(""), timeoutSeconds("-3")]).toEqual([
      5, 60, 60, 1,
    ]);
  });

  it("runs a request from the editor once, and never by itself", () => {
    expect(isNewRequest(null, undefined)).toBe(false);
    expect(isNewRequest(null, { seq: 1 })).toBe(true);
    expect(isNewRequest(1, { seq: 1 })).toBe(false);
    expect(isNewRequest(1, { seq: 2 })).toBe(true);
  });
});

describe("plan comparison: the change between two figures", () => {
  it("shows growth as a percentage and a factor, and never rounds a real change away", () => {
    expect(delta(100, 121)).toBe("+21% (×1.21)");
    expect(delta(1587, 1)).toBe("−99.9% (÷1587)");
    expect(delta(100, 100)).toBe("0%");
    expect(delta(0, 5)).toBe("new");
    expect(delta(5, 0)).toBe("−100%");
    expect(delta(null, 5)).toBe("—");
  });
});
