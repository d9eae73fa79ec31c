import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs the lint step's cycle check on one fixture folder, as `npm run lint` runs it on src/. */
function checkCycles(folder: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("node", ["scripts/import-cycles.mjs", `test/fixtures/import-cycles/${folder}`], {
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the import-cycle check (scripts/import-cycles.mjs)", () => {
  it("fails on a cycle of type-only imports", () => {
    const { status, stderr } = checkCycles("type-only");
    expect(status).toBe(1);
    expect(stderr.split("\n")[0]).toBe(
      "import cycle: test/fixtures/import-cycles/type-only/a.ts -> test/fixtures/import-cycles/type-only/b.ts -> test/fixtures/import-cycles/type-only/a.ts",
    );
  }, 30_000);

  it("follows import(), typeof import() and export-from around a loop", () => {
    const { status, stderr } = checkCycles("three-forms");
    expect(status).toBe(1);
    const dir = "test/fixtures/import-cycles/three-forms";
    expect(stderr.split("\n")[0]).toBe(
      `import cycle: ${dir}/x.ts -> ${dir}/y.ts -> ${dir}/z.ts -> ${dir}/x.ts`,
    );
  }, 30_000);

  it("passes imports that point one way", () => {
    const { status, stdout, stderr } = checkCycles("acyclic");
    expect(stderr).toBe("");
    expect(stdout.trim()).toBe("no import cycles in 2 files");
    expect(status).toBe(0);
  }, 30_000);
});
