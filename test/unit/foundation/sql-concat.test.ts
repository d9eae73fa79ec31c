import { readFileSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { withoutTypeInformation } from "./lint-without-types";
import { strictTsc } from "./strict-tsc";

const FIXTURES = "test/fixtures/sql-concat";

/** Line numbers (1-based) of the fixture's lines whose comment ends with `marker`. */
function markedLines(file: string, marker: string): number[] {
  return readFileSync(`${FIXTURES}/${file}`, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.trimEnd().endsWith(`// ${marker}`) ? [i + 1] : []));
}

/** Lints a fixture with the repository's own config (the fixture folder is ignored by `eslint .`; it is in no tsconfig, so without type information). */
async function sqlConcatReports(file: string): Promise<number[]> {
  const eslint = new ESLint({ ignore: false, overrideConfig: withoutTypeInformation });
  const [result] = await eslint.lintFiles([`${FIXTURES}/${file}`]);
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return [
    ...new Set(result!.messages.filter((m) => m.ruleId === "local/no-sql-concat").map((m) => m.line)),
  ].sort((a, b) => a - b);
}

describe("no SQL built by concatenation (eslint-rules/no-sql-concat.js)", () => {
  it("reports every way of gluing raw values into SQL text", async () => {
    const expected = markedLines("built.ts", "built");
    expect(expected.length).toBeGreaterThanOrEqual(10);
    expect(await sqlConcatReports("built.ts")).toEqual(expected);
  }, 60_000);

  it("accepts the sql`` tag, DDL built from the quoting helpers, and prose", async () => {
    expect(await sqlConcatReports("accepted.ts")).toEqual([]);
  }, 60_000);

  it("is on for src/main, scripts and prisma, tests excepted", async () => {
    const eslint = new ESLint();
    const rule = async (file: string) =>
      (await eslint.calculateConfigForFile(file)).rules?.["local/no-sql-concat"]?.[0];
    expect(await rule("src/main/db/sql.ts")).toBe(2);
    expect(await rule("src/main/features/schema/rows.service.ts")).toBe(2);
    expect(await rule("scripts/bench.mjs")).toBe(2);
    expect(await rule("prisma/seed/reset.ts")).toBe(2);
    expect(await rule("src/main/db/sql.test.ts")).toBeUndefined();
  }, 60_000);
});

describe("the sql`` tag's types", () => {
  it("refuse a raw string where SQL text goes, and accept the quoting helpers", () => {
    const r = strictTsc([`${FIXTURES}/accepted.ts`, `${FIXTURES}/raw-string-in-tag.ts`]);
    const output = r.output;
    const errors = [...output.matchAll(/^(\S+\.ts)\((\d+),\d+\): error/gm)].map((m) => `${m[1]}:${m[2]}`);
    const expected = markedLines("raw-string-in-tag.ts", "type error").map(
      (line) => `${FIXTURES}/raw-string-in-tag.ts:${line}`,
    );
    expect(expected.length).toBe(3);
    expect([...new Set(errors)]).toEqual(expected);
    expect(r.status).not.toBe(0);
  }, 300_000); // one tsc program over the contract: over a minute on a loaded machine
});
