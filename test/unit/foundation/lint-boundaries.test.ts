import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { withoutTypeInformation } from "./lint-without-types";

const root = resolve(import.meta.dirname, "../../..");

const PATHS = "import-x/no-restricted-paths";
const SYNTAX = "no-restricted-syntax";
const REQUIRE = "@typescript-eslint/no-require-imports";
const REQUIRE_MESSAGE = "A `require()` style import is forbidden.";

const zone = (path: string, why: string) => `Unexpected path "${path}" imported in restricted zone. ${why}`;
const DB =
  "db/ sits below the features and the hosts: it imports only db/, src/shared and the main leaves (move the type down).";
const STORE =
  "store/ sits below the features and the hosts: it imports only store/, db/, src/shared and the main leaves.";
const FEATURES =
  "Features never import the hosts (ipc/, index.ts, web.ts, app-context.ts, ...): handler and context types are in features/handler-types.ts.";
const LEAF = "logger.ts and json-file.ts are leaves every main layer uses: they import only src/shared.";
const HOSTS = "main never imports the renderer, the preload, tests or scripts.";
const SHARED = "src/shared runs in main, preload and renderer: it imports only src/shared and packages.";
const PRELOAD = "The preload imports only src/shared (the contract): nothing of main or the renderer.";
const RENDERER =
  "The renderer never imports main's code or the preload: it calls main through the contract (lib/api.ts).";
const MAIN_ELECTRON =
  "Only the desktop shell (src/main/index.ts, ipc/electron.ts, window-options.ts, safe-storage-secret-store.ts) imports electron: features, db/ and store/ are plain Node.";

type Finding = [line: number, rule: string, message: string];

const TRANSPORT =
  "Calls to main go through the area's features/<area>/<area>.queries.ts (react-query hooks); only lib/ and those files import lib/api.";
const RENDERER_FINDINGS: Finding[] = [
  [3, PATHS, zone("../../../../main/db/sql", RENDERER)],
  [4, PATHS, zone("../../../../main/features/handler-types", RENDERER)],
  [5, PATHS, zone("../../../../preload/index", RENDERER)],
  [6, SYNTAX, "Database libraries belong to main: the renderer calls it through lib/api.ts."], // pg
  [7, SYNTAX, "Database libraries belong to main: the renderer calls it through lib/api.ts."], // pg-cursor
  [8, SYNTAX, "Database libraries belong to main: the renderer calls it through lib/api.ts."], // @prisma/client
  [9, SYNTAX, "Database libraries belong to main: the renderer calls it through lib/api.ts."], // import()
  [10, REQUIRE, REQUIRE_MESSAGE],
  [10, SYNTAX, "The renderer has no Node."], // require("node:fs")
  [11, SYNTAX, "The renderer has no Node."],
  [12, SYNTAX, "The renderer has no electron: it calls main through the contract (lib/api.ts)."],
  [13, SYNTAX, "Database libraries belong to main: the renderer calls it through lib/api.ts."], // typeof import("pg")
];

interface Case {
  fixture: string;
  /** Where the fixture pretends to live: the rules see this path. */
  as: string;
  expected: Finding[];
}

const cases: Case[] = [
  {
    fixture: "db-imports-features.ts",
    as: "src/main/db/lint-fixture.ts",
    expected: [
      [2, PATHS, zone("../features/profiles/profile.store", DB)], // static
      [3, PATHS, zone("../features/handler-types", DB)], // import type
      [4, PATHS, zone("../features/handler-types", DB)], // inline type specifier
      [5, PATHS, zone("../features/profiles/profile.store", DB)], // export { } from
      [6, PATHS, zone("../features/profiles/secret-store", DB)], // export * from
      [7, PATHS, zone("../features/handler-types", DB)], // export type { } from
      [8, PATHS, zone("../features/demo/demo.service", DB)], // import()
      [9, REQUIRE, REQUIRE_MESSAGE], // require()
      [9, PATHS, zone("../features/profiles/profile.store", DB)],
      [10, REQUIRE, REQUIRE_MESSAGE], // import x = require()
      [10, PATHS, zone("../features/profiles/profile.store", DB)],
      [11, PATHS, zone("../db/../features/profiles/profile.store", DB)], // a detour through db/
      [12, PATHS, zone("./../../main/features/profiles/profile.store", DB)], // a detour from the root
      [13, PATHS, zone("../ipc/registry", DB)], // db -> ipc
      [14, PATHS, zone("../app-context", DB)], // db -> the composition root
    ],
  },
  {
    fixture: "db-imports-electron.ts",
    as: "src/main/db/lint-fixture.ts",
    expected: [
      [2, SYNTAX, MAIN_ELECTRON], // electron
      [3, SYNTAX, MAIN_ELECTRON], // electron/main
      [4, SYNTAX, MAIN_ELECTRON], // import type from electron/main
      [5, SYNTAX, MAIN_ELECTRON], // electron/common
      [6, SYNTAX, MAIN_ELECTRON], // export from electron/renderer
      [7, SYNTAX, MAIN_ELECTRON], // import()
      [8, REQUIRE, REQUIRE_MESSAGE],
      [8, SYNTAX, MAIN_ELECTRON], // require()
      [9, SYNTAX, MAIN_ELECTRON], // typeof import()
    ],
  },
  {
    fixture: "features-import-hosts.ts",
    as: "src/main/features/demo/lint-fixture.ts",
    expected: [
      [2, PATHS, zone("../../ipc/dispatch", FEATURES)], // import type
      [3, PATHS, zone("../../ipc/dispatch", FEATURES)],
      [4, PATHS, zone("../../app-context", FEATURES)],
      [5, PATHS, zone("../../app-startup", FEATURES)],
      [6, PATHS, zone("../../csp", FEATURES)],
      [7, PATHS, zone("../../ipc/registry", FEATURES)], // import()
    ],
  },
  {
    fixture: "features-import-electron.ts",
    as: "src/main/features/demo/lint-fixture.ts",
    expected: [
      [2, SYNTAX, MAIN_ELECTRON],
      [3, SYNTAX, MAIN_ELECTRON], // import type from electron/main
      [4, SYNTAX, MAIN_ELECTRON], // export * from electron/common
      [5, SYNTAX, MAIN_ELECTRON], // import()
      [6, REQUIRE, REQUIRE_MESSAGE],
      [6, SYNTAX, MAIN_ELECTRON], // require()
      [7, REQUIRE, REQUIRE_MESSAGE],
      [7, SYNTAX, MAIN_ELECTRON], // import x = require()
    ],
  },
  {
    fixture: "store-imports-features.ts",
    as: "src/main/store/lint-fixture.ts",
    expected: [
      [2, PATHS, zone("../features/profiles/profile.store", STORE)],
      [3, PATHS, zone("../ipc/registry", STORE)],
    ],
  },
  {
    fixture: "leaf-imports-features.ts",
    as: "src/main/logger.ts",
    expected: [
      [2, PATHS, zone("./features/handler-types", LEAF)],
      [3, PATHS, zone("./db/sql", LEAF)],
    ],
  },
  {
    fixture: "hosts-import-renderer.ts",
    as: "src/main/ipc/lint-fixture.ts",
    expected: [
      [3, PATHS, zone("../../renderer/src/lib/api", HOSTS)],
      [4, PATHS, zone("../../preload/index", HOSTS)],
      [5, PATHS, zone("../../../test/harness/database", HOSTS)],
      [6, SYNTAX, MAIN_ELECTRON],
    ],
  },
  {
    fixture: "shared-imports-hosts.ts",
    as: "src/shared/explain/lint-fixture.ts",
    expected: [
      [2, PATHS, zone("../../main/features/handler-types", SHARED)],
      [3, PATHS, zone("../../main/ipc/registry", SHARED)],
      [4, PATHS, zone("../../renderer/src/lib/api", SHARED)],
      [5, PATHS, zone("../../preload/index", SHARED)],
      [6, SYNTAX, "src/shared runs everywhere: no Node built-ins."], // node:fs/promises
      [7, SYNTAX, "src/shared runs everywhere: no Node built-ins."], // path
      [8, SYNTAX, "src/shared runs everywhere: no electron."],
    ],
  },
  {
    fixture: "preload-imports-main.ts",
    as: "src/preload/lint-fixture.ts",
    expected: [
      [3, PATHS, zone("../main/features/handler-types", PRELOAD)],
      [4, PATHS, zone("../main/ipc/registry", PRELOAD)],
      [5, PATHS, zone("../renderer/src/lib/api", PRELOAD)],
      [
        6,
        SYNTAX,
        'The preload is sandboxed: import from "electron" (its renderer modules), not an electron/* subpath.',
      ],
      [7, SYNTAX, "The preload is sandboxed: of Node it has only events, timers and url."],
      [8, REQUIRE, REQUIRE_MESSAGE],
      [8, SYNTAX, "The preload is sandboxed: of Node it has only events, timers and url."],
    ],
  },
  {
    fixture: "renderer-imports-main.ts",
    as: "src/renderer/src/features/demo/demo.queries.ts",
    expected: RENDERER_FINDINGS,
  },
  {
    // a component: the same findings, plus the call path (only queries files import lib/api)
    fixture: "renderer-imports-main.ts",
    as: "src/renderer/src/features/demo/LintFixture.tsx",
    expected: [
      ...RENDERER_FINDINGS,
      [
        15,
        "no-restricted-imports",
        `'../../lib/api' import is restricted from being used by a pattern. ${TRANSPORT}`,
      ],
    ],
  },
  {
    fixture: "uncheckable-forms.ts",
    as: "src/main/features/demo/lint-fixture.ts",
    expected: [
      [2, SYNTAX, "src/ is ES modules: createRequire hides imports from the boundary rules; use import."],
      [5, SYNTAX, "import() needs a plain string: a computed specifier escapes the boundary rules."],
      [6, SYNTAX, "import() needs a plain string: a computed specifier escapes the boundary rules."],
      [7, REQUIRE, REQUIRE_MESSAGE],
      [7, SYNTAX, "require() needs a plain string: a computed specifier escapes the boundary rules."],
      [8, SYNTAX, "src/ is ES modules: createRequire hides imports from the boundary rules; use import."],
      [
        9,
        SYNTAX,
        'Name project types with `import type`: typeof import("./...") escapes the boundary rules.',
      ],
    ],
  },
];

describe("the import boundaries in eslint.config.js", () => {
  let eslint: ESLint;
  beforeAll(async () => {
    eslint = new ESLint({ cwd: root, overrideConfig: withoutTypeInformation });
    // loading the config, its plugins and the resolver takes seconds on a busy machine: once, here
    await eslint.lintText("", { filePath: resolve(root, "src/main/lint-warmup.ts") });
  }, 120_000);

  async function lintAs(fixture: string, as: string): Promise<Finding[]> {
    const code = readFileSync(resolve(root, "test/fixtures/lint-boundaries", fixture), "utf8");
    const [result] = await eslint.lintText(code, { filePath: resolve(root, as) });
    return result!.messages.map((m) => [m.line, m.ruleId ?? "(parser)", m.message]);
  }

  it.each(cases)(
    "refuse $fixture linted as $as",
    async ({ fixture, as, expected }) => {
      expect(await lintAs(fixture, as)).toEqual(expected);
    },
    30_000,
  );

  it("let a feature import what it may (features, db, store, shared, the leaves, packages)", async () => {
    expect(await lintAs("clean-feature.ts", "src/main/features/demo/lint-fixture.ts")).toEqual([]);
  }, 30_000);

  it("leave the fixtures out of the normal lint run", async () => {
    expect(await eslint.isPathIgnored(resolve(root, "test/fixtures/lint-boundaries/clean-feature.ts"))).toBe(
      true,
    );
  });
});
