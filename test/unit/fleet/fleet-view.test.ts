import { describe, expect, it } from "vitest";
import { layoutTopology, NODE_W } from "../../../src/renderer/src/features/cluster/topology-layout";
import { lsnText } from "../../../src/renderer/src/features/cluster/cluster.format";
import {
  formatAge,
  formatCount,
  formatLagBytes,
  formatSeconds,
} from "../../../src/renderer/src/features/fleet/fleet.format";
import { areaFits } from "../../../src/renderer/src/app/area-fit.model";

const node = (id: string, level: number) => ({
  id,
  label: id,
  role: "replica",
  state: "running",
  level,
  detached: false,
});

describe("topology layout", () => {
  it("puts each level on its own row, centred on the widest", () => {
    const l = layoutTopology({ nodes: [node("a", 0), node("b", 1), node("c", 1), node("d", 2)] });
    const [a, b, c, d] = ["a", "b", "c", "d"].map((id) => l.nodes.get(id)!);
    expect(b!.y).toBe(c!.y);
    expect(a!.y).toBeLessThan(b!.y);
    expect(d!.y).toBeGreaterThan(b!.y);
    expect(a!.x + NODE_W / 2).toBe(l.width / 2);
    expect(d!.x).toBe(a!.x);
    expect(c!.x).toBeGreaterThan(b!.x + NODE_W);
    expect(l.height).toBeGreaterThan(d!.y);
  });
  it("draws an empty cluster as an empty box", () => {
    const l = layoutTopology({ nodes: [] });
    expect(l.nodes.size).toBe(0);
    expect(l.width).toBeGreaterThan(0);
  });
});

describe("fleet wording", () => {
  it("writes durations, byte lags, counts and ages short, with — for nothing measured", () => {
    expect([
      formatSeconds(null),
      formatSeconds(0.25),
      formatSeconds(42),
      formatSeconds(600),
      formatSeconds(7200),
    ]).toEqual(["—", "250 ms", "42 s", "10 min", "2.0 h"]);
    expect([
      formatLagBytes(undefined),
      formatLagBytes(0),
      formatLagBytes(2048),
      formatLagBytes(5 * 1024 ** 2),
    ]).toEqual(["—", "0 B", "2 kB", "5.0 MB"]);
    expect([formatCount(undefined), formatCount(999), formatCount(1_234_567_890)]).toEqual([
      "—",
      "999",
      "1.23 B",
    ]);
    const probed = Date.parse("2026-05-02T00:00:00Z");
    expect(formatAge(null, probed)).toBe("none known");
    expect(formatAge(undefined, probed)).toBe("—");
    expect(formatAge("2026-05-01T00:00:00Z", probed)).toBe("24.0 h ago");
    expect(formatAge("2026-04-29T00:00:00Z", probed)).toBe("3.0 d ago");
  });
  it("writes Patroni's numeric LSNs the way PostgreSQL does", () => {
    expect(lsnText(67_109_200)).toBe("0/4000150");
    expect(lsnText(2 ** 32 + 16)).toBe("1/10");
  });
});

describe("areas and profile kinds", () => {
  it("gives a PgBouncer console the Pooler area only, and PostgreSQL profiles every other", () => {
    expect(areaFits({ id: "pooler", needsProfile: true }, "pgbouncer")).toBe(true);
    expect(areaFits({ id: "dashboard", needsProfile: true }, "pgbouncer")).toBe(false);
    expect(areaFits({ id: "pooler", needsProfile: true }, undefined)).toBe(false);
    expect(areaFits({ id: "overview", needsProfile: true }, "postgres")).toBe(true);
    expect(areaFits({ id: "fleet", needsProfile: false }, "pgbouncer")).toBe(true);
  });
});
