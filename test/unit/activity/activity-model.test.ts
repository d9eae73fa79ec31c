import { describe, expect, it } from "vitest";
import {
  emptyActivityFilter,
  formatAge,
  sessionFilter,
  withAnswer,
  type SignalAnswer,
} from "../../../src/renderer/src/features/activity/activity.model";

describe("activity page: the session filter sent to main", () => {
  it("sends only the switches when the boxes are empty", () => {
    expect(sessionFilter(emptyActivityFilter)).toEqual({ includeIdle: false, includeOwn: false });
  });

  it("sends the search text and one state when set", () => {
    expect(
      sessionFilter({ text: "pg_sleep", state: "idle in transaction", includeIdle: true, includeOwn: false }),
    ).toEqual({ text: "pg_sleep", includeIdle: true, includeOwn: false, states: ["idle in transaction"] });
  });
});

const answer = (pid: number, kind: SignalAnswer["kind"] = "cancel"): SignalAnswer => ({
  pid,
  kind,
  message: `${kind} ${pid}`,
  signalled: true,
});

describe("answers to cancel and terminate", () => {
  it("shows the newest first and one per session: a second signal replaces the first", () => {
    const list = withAnswer(withAnswer([], answer(1)), answer(2));
    expect(list.map((a) => a.pid)).toEqual([2, 1]);
    const replaced = withAnswer(list, answer(1, "terminate"));
    expect(replaced.map((a) => `${a.kind} ${a.pid}`)).toEqual(["terminate 1", "cancel 2"]);
  });

  it("keeps the five latest", () => {
    const list = [1, 2, 3, 4, 5, 6].reduce<SignalAnswer[]>((l, pid) => withAnswer(l, answer(pid)), []);
    expect(list.map((a) => a.pid)).toEqual([6, 5, 4, 3, 2]);
  });

  it("shows ages in seconds under a minute, minutes and seconds above", () => {
    expect([formatAge(null), formatAge(1.26), formatAge(59.9), formatAge(125)]).toEqual([
      "—",
      "1.3 s",
      "59.9 s",
      "2 min 5 s",
    ]);
  });
});
