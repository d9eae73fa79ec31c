import { describe, expect, it } from "vitest";
import { areaAfterSwitch } from "./ui.model";

describe("switching profile", () => {
  it("stays on the page it was on", () => {
    expect(areaAfterSwitch("activity", "b")).toBe("activity");
    expect(areaAfterSwitch("query", "b")).toBe("query");
    expect(areaAfterSwitch("plans", "b")).toBe("plans");
  });

  it("goes to the overview from Connections, and back to Connections with no profile", () => {
    expect(areaAfterSwitch("connections", "b")).toBe("overview");
    expect(areaAfterSwitch("activity", undefined)).toBe("connections");
  });
});
