import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The renderer's one call path (eslint.config.js): a module under src/renderer reaches main
 * only through its area's features/<area>/<area>.queries.ts; lib/ is the transport's home.
 * Each fixture is linted as the file it stands for (its first line names the path).
 */
const root = join(import.meta.dirname, "../../..");
const fixtures = join(root, "test/fixtures/lint-boundaries/renderer-transport");
/** The rule's own words (eslint.config.js), whichever import-boundary rule carries them. */
const TRANSPORT = /Calls to main go through the area's features\/<area>\/<area>\.queries\.ts/;

let eslint: ESLint;

async function lintFixture(name: string): Promise<{ path: string; problems: string[] }> {
  const code = readFileSync(join(fixtures, name), "utf8");
  const path = /stands for: (\S+)/.exec(code)?.[1];
  if (!path) throw new Error(`${name} does not say which file it stands for`);
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return { path, problems: result!.messages.map((m) => `${m.ruleId}: ${m.message}`) };
}

describe("renderer: every call to main goes through the area's queries file", () => {
  beforeAll(async () => {
    eslint = new ESLint({
      cwd: root,
      // a made-up path is in no tsconfig program: parse without type information
      overrideConfig: {
        files: ["**/*.{ts,tsx}"],
        languageOptions: { parserOptions: { project: null, projectService: false } },
      },
      // only the import-boundary rules: the fixtures are not meant to pass style or type rules
      ruleFilter: ({ ruleId }) => /restricted/.test(ruleId),
    });
    // the config's plugins and import resolver load on the first lint: once, here, not in a test's 5 s
    await eslint.lintText("", { filePath: join(root, "src/renderer/src/lint-warmup.ts") });
  }, 120_000);

  it("refuses a component that imports the transport", async () => {
    const { path, problems } = await lintFixture("SessionsList.tsx");
    expect(path).toMatch(/^src\/renderer\/src\/features\/[^/]+\/[A-Z]\w+\.tsx$/);
    expect(problems).toEqual([expect.stringMatching(TRANSPORT)]);
  });

  it("allows the area's own <area>.queries.ts", async () => {
    const { path, problems } = await lintFixture("fixture.queries.ts");
    expect(path).toBe("src/renderer/src/features/fixture/fixture.queries.ts");
    expect(problems).toEqual([]);
  });

  it("refuses the ways around it: import(), a re-export, a queries file below the area, the app shell", async () => {
    for (const name of ["LazyCall.tsx", "fixture.api.ts", "nested.queries.ts", "Shell.tsx"]) {
      const { problems } = await lintFixture(name);
      expect(problems, name).toEqual([expect.stringMatching(TRANSPORT)]);
    }
  });

  it("leaves the error class (lib/api-error) importable everywhere", async () => {
    expect((await lintFixture("FailureNote.tsx")).problems).toEqual([]);
  });
});
