import { describe, expect, it } from "vitest";
import type { TabPatch } from "../../../src/shared/contract/tabs";
import { ApiError } from "../../../src/renderer/src/lib/api-error";
import {
  TabAutosaver,
  type AutosaveTimers,
  type SaveState,
} from "../../../src/renderer/src/features/query/tab-autosave";
import { newTab } from "../../../src/renderer/src/features/query/tab-state.model";

/** A clock the test moves by hand. */
function manualClock(): AutosaveTimers & { advance(ms: number): Promise<void> } {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    async advance(ms) {
      const end = now + ms;
      await new Promise((r) => setImmediate(r)); // answers already given land first
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await Promise.resolve();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
    },
  };
}

function setup(save: (p: TabPatch) => Promise<void> = async () => undefined) {
  const clock = manualClock();
  const saved: TabPatch[] = [];
  const left: TabPatch[] = [];
  const states: Array<[string, SaveState]> = [];
  const saver = new TabAutosaver(
    {
      save: async (p) => {
        saved.push(p);
        await save(p);
        return { id: p.id, revision: saved.length, updatedAt: "" };
      },
      saveAsPageLeaves: (p) => void left.push(p),
    },
    (id, s) => void states.push([id, s]),
    clock,
  );
  return { clock, saved, left, states, saver };
}

const tab = newTab("t1", "p", "Query 1");

describe("saving tabs as the user types", () => {
  it("waits for a pause in typing, then saves only what changed", async () => {
    const { clock, saved, saver } = setup();
    saver.loaded(tab);
    saver.changed({ ...tab, sql: "S" });
    await clock.advance(200);
    saver.changed({ ...tab, sql: "SE" });
    await clock.advance(299);
    expect(saved).toEqual([]);
    await clock.advance(1);
    expect(saved).toEqual([{ id: "t1", sql: "SE" }]);
  });

  it("saves at least once a second while typing never pauses", async () => {
    const { clock, saved, saver } = setup();
    saver.loaded(tab);
    let text = "";
    for (let i = 0; i < 12; i++) {
      text += "x";
      saver.changed({ ...tab, sql: text });
      await clock.advance(100);
    }
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved[0]!.sql!.length).toBeLessThanOrEqual(11);
  });

  it("sends the whole tab the first time, and one save at a time per tab, in order", async () => {
    let release: (() => void) | undefined;
    const { clock, saved, saver } = setup((p) =>
      p.sql === "a" ? new Promise((r) => (release = r)) : Promise.resolve(),
    );
    saver.changed({ ...tab, sql: "a" });
    await clock.advance(300);
    expect(saved[0]).toMatchObject({ id: "t1", title: "Query 1", sql: "a", autocommit: true });
    saver.changed({ ...tab, sql: "ab" });
    await clock.advance(300);
    expect(saved).toHaveLength(1); // the first is not answered yet
    release!();
    await clock.advance(10);
    expect(saved[1]).toEqual({ id: "t1", sql: "ab" });
  });

  it("keeps a refused text in the page with the reason, and tries again only when it changes", async () => {
    const { clock, saved, states, saver } = setup(async (p) => {
      if (p.sql === "too long")
        throw new ApiError({ code: "VALIDATION", message: "The tab's SQL is 2,000,001 characters" });
    });
    saver.loaded(tab);
    saver.changed({ ...tab, sql: "too long" });
    await clock.advance(5_000);
    expect(saved).toHaveLength(1);
    expect(states.at(-1)).toEqual([
      "t1",
      { status: "error", message: "The tab's SQL is 2,000,001 characters", retrying: false },
    ]);
    expect(saver.hasUnsaved()).toBe(true);
    saver.changed({ ...tab, sql: "short" });
    await clock.advance(300);
    expect(states.at(-1)).toEqual(["t1", { status: "saved" }]);
  });

  it("retries while the host is away", async () => {
    let down = true;
    const { clock, saved, states, saver } = setup(async () => {
      if (down) throw new Error("Failed to fetch");
    });
    saver.loaded(tab);
    saver.changed({ ...tab, sql: "kept" });
    await clock.advance(300);
    expect(states.at(-1)?.[1]).toMatchObject({ status: "error", retrying: true });
    down = false;
    await clock.advance(1_000);
    expect(saved.at(-1)).toEqual({ id: "t1", sql: "kept" });
    expect(states.at(-1)).toEqual(["t1", { status: "saved" }]);
  });

  it("sends what is not acknowledged on the path that outlives the page, and knows when it is too large for it", async () => {
    const { clock, left, saver } = setup();
    saver.loaded(tab);
    saver.changed({ ...tab, sql: "last keys" });
    saver.flushAsPageLeaves();
    expect(left).toEqual([{ id: "t1", sql: "last keys" }]);
    expect(saver.tooLargeToSendAsPageLeaves()).toBe(false);
    saver.changed({ ...tab, sql: "x".repeat(70_000) });
    expect(saver.tooLargeToSendAsPageLeaves()).toBe(true);
    await clock.advance(300);
    expect(saver.tooLargeToSendAsPageLeaves()).toBe(false);
  });

  it("stops saving a closed tab", async () => {
    const { clock, saved, saver } = setup();
    saver.changed({ ...tab, sql: "gone" });
    saver.forget("t1");
    await clock.advance(2_000);
    expect(saved).toEqual([]);
  });
});
