import { describe, expect, it } from "vitest";
import type { DemoStatus } from "../../../src/shared/contract/demo";
import {
  demoCardView,
  demoPowerAction,
  demoServerLine,
  shownProgress,
} from "../../../src/renderer/src/features/demo/demo-card.model";

const demo = (over: Partial<DemoStatus>): DemoStatus => ({ state: "absent", dataDir: "/d", ...over });

describe("the demo card on the Connections page", () => {
  it("offers the demo in full with no profile at all, in one line beside other profiles", () => {
    expect(demoCardView(demo({}), [], false)).toBe("offer");
    expect(demoCardView(demo({}), ["mine"], false)).toBe("compact-offer");
  });

  it("shows progress while the demo is built, whoever started it", () => {
    expect(demoCardView(demo({}), [], true)).toBe("creating");
    expect(demoCardView(demo({ state: "creating" }), ["mine"], false)).toBe("creating");
  });

  it("shows the demo's server once its profile exists, even beside other profiles", () => {
    const running = demo({ state: "running", profileId: "demo", port: 5433, serverVersion: "15.8" });
    expect(demoCardView(running, ["mine", "demo"], false)).toBe("present");
    // its profile deleted by hand: the demo is not shown as present
    expect(demoCardView(running, ["mine"], false)).toBe("compact-offer");
    expect(demoServerLine(running)).toBe("running on port 5433 (PostgreSQL 15.8)");
    expect(demoServerLine(demo({ state: "stopped" }))).toBe("stopped");
  });

  it("shows the latest progress event, else the status's, else a start", () => {
    const fromStatus = { phase: "Seeding", percent: 40 };
    expect(shownProgress({ phase: "Workload", percent: 80 }, demo({ progress: fromStatus }))).toEqual({
      phase: "Workload",
      percent: 80,
    });
    expect(shownProgress(undefined, demo({ progress: fromStatus }))).toEqual(fromStatus);
    expect(shownProgress(undefined, demo({}))).toEqual({ phase: "Preparing", percent: 0 });
  });

  it("offers Stop while running and Start while stopped or failed, nothing while it changes", () => {
    expect(demoPowerAction("running")).toBe("stop");
    expect(demoPowerAction("stopped")).toBe("start");
    expect(demoPowerAction("failed")).toBe("start");
    expect(demoPowerAction("starting")).toBeUndefined();
  });
});
