import { defineConfig } from "vitest/config";

/**
 * Three projects: unit (pure logic, beside the code and in test/unit), integration
 * (services against real PostgreSQL 15.x and 18.x) and e2e (Chromium against the built
 * web host). `npm test` runs them in that order (scripts/test.mjs).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "src/**/*.test.ts", "prisma/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/harness/pg-servers.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/harness/pg-servers.ts"],
          // the app is driven on PostgreSQL 15 alone (pg_dump 15 is the machine's)
          provide: { pgMajors: [15] },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
