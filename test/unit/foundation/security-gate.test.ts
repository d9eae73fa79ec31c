import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const gate = (input?: string) =>
  spawnSync("node", ["scripts/security-gate.mjs", ...(input ? [input] : [])], { encoding: "utf8" });

describe("the electronegativity security gate", () => {
  it("passes the app's sources, every HIGH/MEDIUM finding reviewed", () => {
    const r = gate();
    expect(r.stdout + r.stderr).toMatch(/0 blocking/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it("fails on an insecure window that nobody reviewed", () => {
    const r = gate("test/fixtures/insecure-electron");
    expect(r.status, r.stdout + r.stderr).toBe(1);
    // every finding, every time: 3 global (CSP, navigation, permissions) and 3 on the window
    expect(r.stdout).toMatch(/6 findings, 6 HIGH\/MEDIUM, 0 allowed by review, 6 blocking/);
    expect(r.stderr).toMatch(/BLOCKING MEDIUM SANDBOX_JS_CHECK/);
    expect(r.stderr).toMatch(/BLOCKING HIGH CONTEXT_ISOLATION_JS_CHECK/);
  }, 120_000);
});
