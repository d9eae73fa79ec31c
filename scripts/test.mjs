// `npm test`: type-check, format check, lint, unit, integration, then build and run e2e in Chromium.
// Stops at the first failing step and exits with its code.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", "npx", ["tsc", "-b"]],
  ["format", "npx", ["prettier", "--check", "--log-level=warn", "."]],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."]],
  ["security", "node", ["scripts/security-gate.mjs"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration", "npx", ["vitest", "run", "--project", "integration"]],
  ["build", "npx", ["electron-vite", "build"]],
  ["e2e", "npx", ["vitest", "run", "--project", "e2e"]],
];

const only = process.argv.slice(2);
const started = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  console.log(
    `=== ${name}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`\nall steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
