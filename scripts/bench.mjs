// `npm run bench` runs every scenario in test/bench; `npm run bench -- <area> [--scale=N]` runs one.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const areas = args.filter((a) => !a.startsWith("--"));
const flags = args.filter((a) => a.startsWith("--"));
const files = readdirSync("test/bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => areas.length === 0 || areas.includes(f.replace(/\.bench\.ts$/, "")));
if (files.length === 0) {
  console.error(`no scenario matches ${areas.join(", ")}`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync("npx", ["tsx", `test/bench/${f}`, ...flags], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
