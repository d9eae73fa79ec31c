import { beforeAll, describe, expect, it } from "vitest";
import { strictTsc } from "./strict-tsc";

const FIXTURES = ["complete-handler.ts", "missing-handler.ts", "mistyped-handler.ts"] as const;
type Fixture = (typeof FIXTURES)[number];

/**
 * Type-checks the three fixtures in one tsc run with the project's strict settings (one program
 * instead of three: each run checks the whole contract, which takes a minute on a loaded machine)
 * and answers each file's diagnostics, plus those of any other file under "other".
 */
function typecheckAll(): { status: number | null; byFile: Map<Fixture | "other", string[]> } {
  const r = strictTsc(FIXTURES.map((f) => `test/fixtures/type-errors/${f}`));
  const byFile = new Map<Fixture | "other", string[]>();
  let current: string[] | undefined;
  for (const line of r.output.split("\n")) {
    if (line === "") continue;
    const file = /^(\S+?)\(\d+,\d+\): /.exec(line)?.[1];
    if (file !== undefined || current === undefined) {
      const key = FIXTURES.find((f) => file === `test/fixtures/type-errors/${f}`) ?? "other";
      current = byFile.get(key) ?? [];
      byFile.set(key, current);
      current.push(line);
    } else current.push(line); // a diagnostic's continuation lines
  }
  return { status: r.status, byFile };
}

describe("the handler map typed from the contract", () => {
  let result: ReturnType<typeof typecheckAll>;
  beforeAll(() => {
    result = typecheckAll();
  }, 300_000);

  it("fails the run (two fixtures are wrong on purpose) and reports nothing outside the fixtures", () => {
    expect(result.status).not.toBe(0);
    expect(result.byFile.get("other") ?? []).toEqual([]);
  });

  it("accepts the complete registry", () => {
    expect(result.byFile.get("complete-handler.ts") ?? []).toEqual([]);
  });

  it("rejects a map with one handler removed", () => {
    expect((result.byFile.get("missing-handler.ts") ?? []).join("\n")).toMatch(
      /Property '"?app:info"?' is missing/,
    );
  });

  it("rejects a handler that returns the wrong shape", () => {
    expect(result.byFile.get("mistyped-handler.ts") ?? []).not.toEqual([]);
  });
});
