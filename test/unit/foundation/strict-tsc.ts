import { spawnSync } from "node:child_process";

/**
 * Type-checks files with the project's strict settings in one tsc run (each run checks the whole
 * contract the files import: a minute on a loaded machine) and answers tsc's exit status and
 * its diagnostics, one per line without colours.
 */
export function strictTsc(files: readonly string[]): { status: number | null; output: string } {
  const r = spawnSync(
    "npx",
    [
      "tsc",
      "--noEmit",
      "--pretty",
      "false",
      "--strict",
      "--noUncheckedIndexedAccess",
      "--skipLibCheck",
      "--module",
      "ESNext",
      "--moduleResolution",
      "Bundler",
      "--target",
      "ES2022",
      "--types",
      "node",
      ...files,
    ],
    { encoding: "utf8" },
  );
  return { status: r.status, output: r.stdout + r.stderr };
}
