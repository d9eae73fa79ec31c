import type { Linter } from "eslint";

/**
 * The repo's eslint.config.js as it is, with one change: type information is off. A fixture
 * (linted at its own path or under a made-up path in src/) is in no tsconfig project, so
 * typescript-eslint could build no types for it; the rules these tests prove read syntax,
 * specifiers and files, they use no types.
 */
export const withoutTypeInformation = {
  files: ["**/*.{ts,tsx}"],
  languageOptions: { parserOptions: { project: null, projectService: false } },
  rules: {
    "@typescript-eslint/no-floating-promises": "off",
    "@typescript-eslint/no-misused-promises": "off",
    "@typescript-eslint/await-thenable": "off",
    "@typescript-eslint/switch-exhaustiveness-check": "off",
  },
} satisfies Linter.Config;
