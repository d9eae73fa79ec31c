// `npm test`: type-check and lint (side by side), format check, import cycles, unit, integration, then build
// and run e2e in Chromium. Stops at the first failing step and exits with its code.
import { Buffer } from "node:buffer";
import { spawn, spawnSync } from "node:child_process";

/** [name, command, args, group]: consecutive steps of one group run at the same time. */
const steps = [
  // tsc and the type-aware lint each build a TypeScript program on one core: on two cores they
  // take the time of the slower one instead of the sum
  ["typecheck", "npx", ["tsc", "-b"], "static"],
  ["lint", "npx", ["eslint", "--max-warnings=0", "."], "static"],
  ["format", "npx", ["prettier", "--check", "--log-level=warn", "."]],
  ["cycles", "node", ["scripts/import-cycles.mjs"]],
  ["security", "node", ["scripts/security-gate.mjs"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration", "npx", ["vitest", "run", "--project", "integration"]],
  ["build", "npx", ["electron-vite", "build"]],
  ["e2e", "npx", ["vitest", "run", "--project", "e2e"]],
];

const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
const report = (name, status, t) =>
  console.log(`=== ${name}: ${status === 0 ? "ok" : "FAILED"} in ${seconds(t)} s`);

/** Runs one step with its output captured (stdout and stderr in arrival order). */
function runCaptured(cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    child.on("error", (err) => done({ status: 1, output: String(err), ended: Date.now() }));
    child.on("close", (status) =>
      done({ status, output: Buffer.concat(chunks).toString(), ended: Date.now() }),
    );
  });
}

const only = process.argv.slice(2);
const chosen = steps.filter(([name]) => !only.length || only.includes(name));
const started = Date.now();
for (let i = 0; i < chosen.length;) {
  const group = chosen[i][3];
  const batch = [chosen[i++]];
  while (group && i < chosen.length && chosen[i][3] === group) batch.push(chosen[i++]);
  const t = Date.now();
  if (batch.length === 1) {
    const [name, cmd, args] = batch[0];
    console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { stdio: "inherit" });
    report(name, r.status, t);
    if (r.status !== 0) process.exit(r.status ?? 1);
    continue;
  }
  // side by side; their outputs are printed one after the other once all have finished
  const results = await Promise.all(batch.map(([, cmd, args]) => runCaptured(cmd, args)));
  batch.forEach(([name, cmd, args], k) => {
    console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
    process.stdout.write(results[k].output);
    report(name, results[k].status, t, results[k].ended);
  });
  const failed = results.find((r) => r.status !== 0);
  if (failed) process.exit(failed.status ?? 1);
}
console.log(`\nall steps passed in ${seconds(started)} s`);
