import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";
import { layerSyntax, layerZones } from "./eslint.layers.js";
import noSqlConcat from "./eslint-rules/no-sql-concat.js";

const root = import.meta.dirname;

/**
 * One call path: a renderer view reaches main only through its area's
 * features/<area>/<area>.queries.ts (react-query hooks), never through the transport
 * (lib/api.ts) itself. lib/api-error.ts (the error class) stays importable everywhere.
 */
const transportMessage =
  "Calls to main go through the area's features/<area>/<area>.queries.ts (react-query hooks); only lib/ and those files import lib/api.";
const rendererTransport = {
  pattern: { group: ["**/lib/api", "**/lib/api.*"], message: transportMessage },
  dynamicImport: {
    selector: "ImportExpression[source.value=/(^|\\/)lib\\/api(\\.[cm]?[jt]sx?)?$/]",
    message: transportMessage,
  },
};

/** The transport's home and each area's queries file: the only renderer modules that import lib/api. */
const CALL_PATH_FILES = ["src/renderer/src/lib/**/*.ts", "src/renderer/src/features/*/*.queries.ts"];

export default tseslint.config(
  {
    ignores: [
      "out/**",
      "dist/**",
      "node_modules/**",
      "src/generated/**",
      "test/fixtures/type-errors/**",
      "test/fixtures/insecure-electron/**",
      // linted by their tests (lint-boundaries, renderer-call-path) at the paths they stand for
      "test/fixtures/lint-boundaries/**",
      // checked by test/unit/foundation/import-cycles.test.ts
      "test/fixtures/import-cycles/**",
      "test/fixtures/sql-concat/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["scripts/**/*.mjs", "*.config.js", "eslint.layers.js"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  // Type-aware rules: a promise nobody awaits loses its error; a switch over a union that grows
  // must say what the new member does. One program over every linted file (tsconfig.eslint.json):
  // the project service built three overlapping ones (node, web, test) and cost ~15% more CPU.
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: { parserOptions: { project: "tsconfig.eslint.json", tsconfigRootDir: root } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
    },
  },
  // Layers (hosts -> features -> db/store -> shared): see eslint.layers.js.
  {
    files: ["src/**/*.{ts,tsx,mts,cts,js,mjs}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".mjs", ".cjs", ".json", ".node"],
          tsconfig: { configFile: `${root}/tsconfig.json`, references: "auto" },
        }),
      ],
    },
    rules: { "import-x/no-restricted-paths": ["error", { basePath: root, zones: layerZones(root) }] },
  },
  // the renderer's call path rides on the renderer's no-restricted-syntax list (one list per file)
  ...layerSyntax(builtinModules, {
    renderer: [rendererTransport.dynamicImport],
    rendererExempt: CALL_PATH_FILES,
  }),
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "window", "document", "navigator", "process", "Buffer"],
    },
  },
  {
    files: ["src/renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", { patterns: [rendererTransport.pattern] }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // the transport itself, and the one module per area that calls main through it
    files: CALL_PATH_FILES,
    rules: { "no-restricted-imports": "off" },
  },
  {
    // small named pieces (STYLE.md): a longer function is split into the steps it takes
    files: [
      "src/main/**/*.ts",
      "src/shared/**/*.ts",
      "src/preload/**/*.ts",
      "scripts/**/*.{ts,mjs}",
      "prisma/**/*.ts",
    ],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // SQL is written with the sql`` tag, never glued together (the fixture proves the rule fires)
    files: [
      "src/main/**/*.ts",
      "scripts/**/*.{ts,mjs}",
      "prisma/**/*.ts",
      "test/fixtures/sql-concat/**/*.ts",
    ],
    ignores: ["**/*.test.ts"],
    plugins: { local: { rules: { "no-sql-concat": noSqlConcat } } },
    rules: { "local/no-sql-concat": "error" },
  },
);
