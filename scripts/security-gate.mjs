// Security gate: electronegativity over the sources, results parsed (it exits 0 even with
// findings); any HIGH or MEDIUM finding not in security/electronegativity-allowlist.json
// (each entry says why it is acceptable) fails the run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const electronVersion = JSON.parse(readFileSync("node_modules/electron/package.json", "utf8")).version;
const dir = mkdtempSync(join(tmpdir(), "pgdesk-eln-"));
const out = join(dir, "findings.csv");
const input = process.argv[2] ?? "src";

/** One electronegativity scan; its findings as CSV text (header included). */
function scan() {
  const run = spawnSync("npx", ["electronegativity", "-i", input, "-o", out, "-r", "-e", electronVersion], {
    encoding: "utf8",
  });
  if (run.status !== 0) {
    console.error(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
  return { csv: readFileSync(out, "utf8"), log: run.stdout + run.stderr };
}

/** RFC 4180-ish: quoted fields with doubled quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field.trim());
      field = "";
    } else if (ch === "\n") {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows;
}

// electronegativity now and then reports less than it found before on the same files (seen
// here: an empty report, and a fixture's HIGH findings missing from one run). So the gate fails
// closed: findings are the union of two scans, an empty union is scanned again, and a scan that
// keeps reporting nothing is refused.
const scans = [scan(), scan()];
for (
  let tries = 0;
  scans.every((r) => parseCsv(r.csv).filter((row) => row.length > 1).length < 2) && tries < 2;
  tries++
) {
  console.error(
    `electronegativity reported nothing for ${input}; scanning again. Its output was:\n${scans.at(-1).log}`,
  );
  scans.push(scan());
}
rmSync(dir, { recursive: true, force: true });
const tables = scans.map((r) => parseCsv(r.csv).filter((row) => row.length > 1));
const header = tables.find((t) => t.length > 1)?.[0];
if (!header) {
  console.error(
    `electronegativity reported nothing for ${input} in ${scans.length} scans; refusing to pass an empty scan. Its output was:\n${scans.at(-1).log}`,
  );
  process.exit(1);
}
const seen = new Set();
const rows = tables
  .flatMap((t) => t.slice(1))
  .filter((r) => {
    const key = r.join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
const col = (name) => header.indexOf(name);
const findings = rows.map((r) => ({
  issue: r[col("issue")],
  severity: r[col("severity")],
  file: r[col("filename")],
  location: r[col("location")],
  sample: r[col("sample")],
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
