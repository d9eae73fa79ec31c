import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionStates, isConnectionLoss } from "../../../src/main/db/connection-state";
import type { ConnectionStatus } from "../../../src/shared/contract/profiles";

describe("connection states", () => {
  afterEach(() => vi.useRealTimers());

  it("goes reconnecting → disconnected with growing, capped delays, then connected", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    let serverUp = false;
    let probes = 0;
    const seen: ConnectionStatus[] = [];
    const states = new ConnectionStates({
      probe: async () => {
        probes++;
        if (!serverUp) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
      onChange: (s) => seen.push(s),
      baseDelayMs: 1000,
      maxDelayMs: 4000,
    });
    states.down("p", new Error("terminating connection due to administrator command"));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((s) => s.state)).toEqual(["reconnecting", "disconnected"]);
    expect(seen[1]!.nextAttemptAt).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000); // 2nd probe, next in 2 s
    await vi.advanceTimersByTimeAsync(2000); // 3rd, next in 4 s
    await vi.advanceTimersByTimeAsync(4000); // 4th, next capped at 4 s
    expect(probes).toBe(4);
    expect(seen.at(-1)).toMatchObject({ state: "disconnected", nextAttemptAt: 7000 + 4000 });
    serverUp = true;
    await vi.advanceTimersByTimeAsync(4000);
    expect(states.get("p").state).toBe("connected");
    expect(seen.at(-1)).toEqual({ profileId: "p", state: "connected" });
    states.forgetAll();
  });

  it("a manual retry probes at once", async () => {
    let up = false;
    const states = new ConnectionStates({
      probe: async () => {
        if (!up) throw new Error("Connection terminated unexpectedly");
      },
      onChange: () => undefined,
      baseDelayMs: 60_000,
    });
    states.down("p", new Error("Connection terminated unexpectedly"));
    await vi.waitFor(() => expect(states.get("p").state).toBe("disconnected"));
    up = true;
    expect((await states.retry("p")).state).toBe("connected");
    states.forgetAll();
  });

  it("knows which errors mean a lost server", () => {
    expect(
      isConnectionLoss({ code: "57P01", message: "terminating connection due to administrator command" }),
    ).toBe(true);
    expect(isConnectionLoss({ code: "ECONNREFUSED", message: "x" })).toBe(true);
    expect(isConnectionLoss(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionLoss({ code: "42P01", message: 'relation "x" does not exist' })).toBe(false);
    expect(isConnectionLoss({ code: "28P01", message: "password authentication failed" })).toBe(false);
  });
});
