// Security gate: electronegativity over the sources; any HIGH or MEDIUM finding not in
// security/electronegativity-allowlist.json (each entry says why it is acceptable) fails the run.
//
// The scan runs in this process through electronegativity's own runner, which answers its
// findings as data. Its command line (`-o findings.csv`) cannot be trusted: it writes the CSV
// header and the rows with two fs.writeFile calls it does not wait for (util/file.js,
// writeIssues and writeCsvHeader), so the two writes race. When the rows land first, the
// header's truncating write either wipes them (an empty report) or overwrites their first
// bytes (a report whose first finding is cut, and whose unbalanced quote swallows the rest
// into one row of garbage: "1 finding, 0 HIGH/MEDIUM"). Roughly one scan in twenty lost
// findings that way, so an insecure window could pass.
import { createRequire, Module } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const require = createRequire(import.meta.url);
useBundledMessages();
const runElectronegativity = require("@doyensec/electronegativity/dist/runner.js");

const electronVersion = JSON.parse(readFileSync("node_modules/electron/package.json", "utf8")).version;
const input = process.argv[2] ?? "src";

const result = await runElectronegativity(
  {
    input: resolve(input),
    isRelative: true,
    customScan: [],
    // It fetches Electron's release list from GitHub to judge package.json's Electron version;
    // the gate scans sources (no package.json), so it could only add network flakiness.
    excludeFromScan: ["availablesecurityfixesglobalcheck"],
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

// A file it could not parse was not checked: refuse rather than pass it unseen.
const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
if (unparsed.length) process.exit(1);
if (result.atomicChecks === 0 || result.globalChecks === 0) {
  console.error("electronegativity loaded no checks; refusing to pass an empty scan");
  process.exit(1);
}

const findings = result.issues.map((i) => ({
  issue: i.id,
  severity: i.severity.name,
  file: i.file,
  location: `${i.location.line}:${i.location.column}`,
  sample: i.sample ?? "",
}));
const allow = JSON.parse(readFileSync("security/electronegativity-allowlist.json", "utf8"));
for (const entry of allow) {
  if (!entry.reason || entry.reason.length < 20) {
    console.error(`allow-list entry ${entry.issue} ${entry.file} has no reason`);
    process.exit(1);
  }
}
const gating = findings.filter((f) => f.severity === "HIGH" || f.severity === "MEDIUM");
const blocked = gating.filter((f) => !allow.some((a) => a.issue === f.issue && a.file === f.file));
console.log(
  `electronegativity ${electronVersion}: ${findings.length} findings, ${gating.length} HIGH/MEDIUM, ${gating.length - blocked.length} allowed by review, ${blocked.length} blocking`,
);
for (const f of blocked)
  console.error(`BLOCKING ${f.severity} ${f.issue} ${f.file}:${f.location} ${f.sample}`);
process.exit(blocked.length ? 1 : 0);

/**
 * electronegativity's message set-up first asks the network for newer translations (a request
 * that times out, retried, on a machine without internet: seconds per scan, and messages that
 * depend on a download). Its bundled en-US messages are set up the same way, offline.
 */
function useBundledMessages() {
  const path = require.resolve("@doyensec/electronegativity/dist/locales/i18n.js");
  const i18n = createRequire(path)("i18n");
  const offline = async () => {
    i18n.configure({
      locales: ["en-US"],
      defaultLocale: "en-US",
      directory: dirname(path),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale("en-US");
  };
  const cached = new Module(path);
  Object.assign(cached, { filename: path, loaded: true, exports: offline });
  require.cache[path] = cached;
}
