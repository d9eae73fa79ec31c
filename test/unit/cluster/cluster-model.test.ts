import { describe, expect, it } from "vitest";
import { buildTopology, slotNameOf } from "../../../src/shared/cluster/topology";
import { confirmationText, needsTypedConfirmation } from "../../../src/shared/cluster/confirmation";
import { PatroniClusterJson, patroniBaseUrl } from "../../../src/main/db/patroni.client";

describe("replication topology", () => {
  it("draws the leader on top, streaming replicas under it with their slots, and orphan slots apart", () => {
    const t = buildTopology(
      [
        {
          name: "a",
          role: "leader",
          state: "running",
          downstream: [{ name: "b", state: "streaming", syncState: "async" }],
        },
        {
          name: "b",
          role: "replica",
          state: "streaming",
          lagBytes: 0,
          downstream: [{ name: "c", state: "streaming" }],
        },
        { name: "c", role: "replica", state: "streaming", lagBytes: 1024, replicateFrom: "b" },
        { name: "d", role: "replica", state: "running", lagBytes: 0 },
        { name: "e", role: "replica", state: "stopped", lagBytes: null },
      ],
      [
        { name: "b", active: true, retainedBytes: 0 },
        { name: "d", active: false, retainedBytes: 5_000 },
        { name: "old_member", active: false, retainedBytes: 9_999_999 },
      ],
    );
    expect(t.nodes.map((n) => [n.id, n.level, n.detached])).toEqual([
      ["a", 0, false],
      ["b", 1, false],
      ["d", 1, false],
      ["e", 1, true],
      ["c", 2, false],
    ]);
    expect(t.edges).toEqual([
      {
        from: "a",
        to: "b",
        kind: "streaming",
        syncState: "async",
        slot: { name: "b", active: true, retainedBytes: 0 },
      },
      // configured under the leader but not seen in its pg_stat_replication
      { from: "a", to: "d", kind: "expected", slot: { name: "d", active: false, retainedBytes: 5_000 } },
      { from: "b", to: "c", kind: "streaming" },
    ]);
    expect(t.orphanSlots).toEqual([{ name: "old_member", active: false, retainedBytes: 9_999_999 }]);
  });

  it("leaves everyone detached at level 1 when there is no leader (between a crash and the election)", () => {
    const t = buildTopology([
      { name: "a", role: "replica", state: "stopped", lagBytes: null },
      { name: "b", role: "replica", state: "running", lagBytes: 0 },
    ]);
    expect(t.nodes.map((n) => [n.id, n.level, n.detached])).toEqual([
      ["a", 1, true],
      ["b", 1, true],
    ]);
    expect(t.edges).toEqual([]);
  });

  it("names slots as Patroni does", () => {
    expect(slotNameOf("PG-node.2")).toBe("pg_node_2");
  });
});

describe("switchover confirmation", () => {
  it("asks for the typed name on production environments and prod-like tags only", () => {
    expect(needsTypedConfirmation({ environment: "production", tags: [] })).toBe(true);
    expect(needsTypedConfirmation({ tags: ["eu", "Prod"] })).toBe(true);
    expect(needsTypedConfirmation({ tags: ["production "] })).toBe(true);
    expect(needsTypedConfirmation({ environment: "staging", tags: ["product"] })).toBe(false);
    expect(confirmationText({ name: "orders-ha" })).toBe("orders-ha");
  });
});

describe("Patroni client", () => {
  it("takes a member's api_url or a typed address down to scheme, host and port", () => {
    expect(patroniBaseUrl("http://10.0.0.5:8008/patroni")).toBe("http://10.0.0.5:8008");
    expect(patroniBaseUrl(" https://db-1.example:8008/ ")).toBe("https://db-1.example:8008");
    expect(() => patroniBaseUrl("ftp://x:1")).toThrow(/http or https/);
    expect(() => patroniBaseUrl("not a url")).toThrow(/is not an address/);
  });

  it("reads /cluster of Patroni 3 and 4 (lag as bytes or 'unknown', extra fields kept)", () => {
    const v3 = PatroniClusterJson.parse({
      members: [
        {
          name: "m1",
          role: "leader",
          state: "running",
          api_url: "http://h:8008/patroni",
          host: "h",
          port: 5432,
          timeline: 2,
        },
        { name: "m2", role: "replica", state: "stopped", lag: "unknown" },
      ],
    });
    expect(v3.members[1]!.lag).toBe("unknown");
    const v4 = PatroniClusterJson.parse({
      members: [
        {
          name: "m2",
          role: "sync_standby",
          state: "streaming",
          lag: 0,
          receive_lag: 0,
          replay_lag: 16,
          lsn: "0/3000060",
        },
      ],
      scope: "demo",
    });
    expect(v4.members[0]).toMatchObject({ role: "sync_standby", state: "streaming", replay_lag: 16 });
    expect(PatroniClusterJson.safeParse({ members: [{ role: "leader" }] }).success).toBe(false);
  });
});
