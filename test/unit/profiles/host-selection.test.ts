import { describe, expect, it } from "vitest";
import {
  hostTargets,
  noHostError,
  selectionPasses,
  type HostFailure,
} from "../../../src/main/db/host-selection";

const list = {
  host: "a",
  port: 1,
  additionalHosts: [
    { host: "b", port: 2 },
    { host: "c", port: 3 },
  ],
};

describe("host selection (libpq host lists)", () => {
  it("tries the hosts in the order given", () => {
    expect(hostTargets(list).map((t) => t.host)).toEqual(["a", "b", "c"]);
    expect(hostTargets({ host: "solo", port: 5432 })).toEqual([{ host: "solo", port: 5432 }]);
  });

  it("shuffles the list for load_balance_hosts=random (every host kept once)", () => {
    // a fixed sequence: Fisher-Yates with 0 always swaps to the front
    const shuffled = hostTargets({ ...list, loadBalanceHosts: "random" }, () => 0);
    expect(shuffled.map((t) => t.host)).toEqual(["b", "c", "a"]);
    const seen = new Set<string>();
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 50; i++)
      seen.add(hostTargets({ ...list, loadBalanceHosts: "random" }, random)[0]!.host);
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
  });

  it("prefer-standby makes two passes: standby first, then any", () => {
    expect(selectionPasses("prefer-standby")).toEqual(["standby", "any"]);
    expect(selectionPasses(undefined)).toEqual(["any"]);
    expect(selectionPasses("read-write")).toEqual(["read-write"]);
  });

  it("keeps a single host's own error, and lists every host when there were several", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const one: HostFailure[] = [
      { host: "a", port: 1, reason: refused.message, mismatch: false, error: refused },
    ];
    expect(noHostError(one, 1, () => true)).toBe(refused);
    const two: HostFailure[] = [
      ...one,
      { host: "::1", port: 2, reason: "session is read-only", mismatch: true, error: undefined },
    ];
    const err = noHostError(two, 2, () => true) as Error & {
      connectionLoss: boolean;
      extra: { detail: string };
    };
    expect(err.message).toBe(
      "none of the 2 hosts could be used: a:1: connect ECONNREFUSED 127.0.0.1:1; [::1]:2: session is read-only",
    );
    expect(err.extra.detail.split("\n")).toHaveLength(2);
    // one host answered (wrong kind): not a lost server
    expect(err.connectionLoss).toBe(false);
    const allDown = noHostError([one[0]!, { ...one[0]!, host: "b" }], 2, () => true) as {
      connectionLoss: boolean;
    };
    expect(allDown.connectionLoss).toBe(true);
  });
});
