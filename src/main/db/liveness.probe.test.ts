import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LIVENESS, probeServer, watchLiveness, type ProbeResult } from "./liveness.probe";

describe("watchLiveness", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(answers: ProbeResult[], silenceMs?: () => number) {
    vi.useFakeTimers();
    const state = { last: Date.now(), probes: 0, lost: [] as string[] };
    const stop = watchLiveness({
      lastActivity: () => state.last,
      ...(silenceMs ? { silenceMs } : {}),
      probe: async () => {
        state.probes++;
        return answers.shift() ?? { reachable: true };
      },
      onLost: (reason) => state.lost.push(reason),
    });
    return { state, stop };
  }

  it("does not probe while the work shows signs of life", async () => {
    const { state, stop } = setup([]);
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(LIVENESS.silenceMs / 2);
      state.last = Date.now();
    }
    expect(state.probes).toBe(0);
    stop();
  });

  it("probes after the silence, lets the work run while the server answers, gives up when it does not", async () => {
    const { state, stop } = setup([
      { reachable: true },
      { reachable: false, reason: "no answer within 5 s" },
    ]);
    await vi.advanceTimersByTimeAsync(LIVENESS.silenceMs - LIVENESS.tickMs);
    expect(state.probes).toBe(0);
    await vi.advanceTimersByTimeAsync(2 * LIVENESS.tickMs);
    expect(state.probes).toBe(1);
    expect(state.lost).toEqual([]);
    // an answered probe counts as life: the next one waits a whole silence again
    await vi.advanceTimersByTimeAsync(LIVENESS.silenceMs - 2 * LIVENESS.tickMs);
    expect(state.probes).toBe(1);
    await vi.advanceTimersByTimeAsync(3 * LIVENESS.tickMs);
    expect(state.probes).toBe(2);
    expect(state.lost).toHaveLength(1);
    expect(state.lost[0]).toMatch(
      /^nothing arrived for 2\d s and the server did not answer a check on a new connection \(no answer within 5 s\)$/,
    );
    await vi.advanceTimersByTimeAsync(5 * LIVENESS.silenceMs);
    expect(state.probes).toBe(2);
    stop();
  });

  it("uses a shorter silence when the caller asks (a cancel that got no answer)", async () => {
    const { state, stop } = setup([{ reachable: false, reason: "refused" }], () => 3_000);
    await vi.advanceTimersByTimeAsync(4 * LIVENESS.tickMs);
    expect(state.probes).toBe(1);
    expect(state.lost).toHaveLength(1);
    stop();
  });

  it("reports nothing once stopped, even with a probe in flight", async () => {
    vi.useFakeTimers();
    let answer: (r: ProbeResult) => void = () => undefined;
    const lost: string[] = [];
    const stop = watchLiveness({
      lastActivity: () => 0,
      probe: () => new Promise<ProbeResult>((resolve) => (answer = resolve)),
      onLost: (r) => lost.push(r),
    });
    await vi.advanceTimersByTimeAsync(LIVENESS.tickMs);
    stop();
    answer({ reachable: false, reason: "late" });
    await vi.advanceTimersByTimeAsync(LIVENESS.tickMs);
    expect(lost).toEqual([]);
  });
});

describe("probeServer on a network that does not answer", () => {
  const base = { database: "postgres", user: "nobody", password: "x" };

  it("calls a refused port unreachable", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await probeServer({ ...base, host: "127.0.0.1", port }, 2_000);
    expect(result).toMatchObject({ reachable: false, reason: expect.stringMatching(/ECONNREFUSED|refused/) });
  });

  it("calls a black hole (accepts, never answers) unreachable within its timeout", async () => {
    const sockets = new Set<Socket>();
    const hole: Server = createServer((s) => {
      sockets.add(s);
      s.on("data", () => undefined);
    });
    await new Promise<void>((r) => hole.listen(0, "127.0.0.1", r));
    try {
      const port = (hole.address() as { port: number }).port;
      const result = await probeServer({ ...base, host: "127.0.0.1", port }, 500);
      expect(result.reachable).toBe(false);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => hole.close(() => r()));
    }
  });
});
