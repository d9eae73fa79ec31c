import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Type-checks one fixture with the project's strict settings and returns tsc's output. */
function typecheck(fixture: string): { status: number | null; output: string } {
  const r = spawnSync(
    "npx",
    [
      "tsc",
      "--noEmit",
      "--strict",
      "--noUncheckedIndexedAccess",
      "--skipLibCheck",
      "--module",
      "ESNext",
      "--moduleResolution",
      "Bundler",
      "--target",
      "ES2022",
      "--types",
      "node",
      `test/fixtures/type-errors/${fixture}`,
    ],
    { encoding: "utf8" },
  );
  return { status: r.status, output: r.stdout + r.stderr };
}

describe("the handler map typed from the contract", () => {
  it("accepts the complete registry", () => {
    const { status, output } = typecheck("complete-handler.ts");
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 60_000);

  it("rejects a map with one handler removed", () => {
    const { status, output } = typecheck("missing-handler.ts");
    expect(status).not.toBe(0);
    expect(output).toMatch(/Property '"?app:info"?' is missing/);
  }, 60_000);

  it("rejects a handler that returns the wrong shape", () => {
    const { status, output } = typecheck("mistyped-handler.ts");
    expect(status).not.toBe(0);
    expect(output).toContain("mistyped-handler.ts");
  }, 60_000);
});
