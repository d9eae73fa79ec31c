import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  filesUnder,
  findForms,
  NewFileWatcher,
  ProcSampler,
  scanFiles,
  secretForms,
} from "../../e2e/support/secret-sweep";
import { until } from "../../harness/until";

/** The canary sweep (test/e2e/canary-sweep.test.ts) is only as good as what it can see: these prove its eyes work. */
describe("secret sweep detectors", () => {
  const secret = `Canary-${randomBytes(6).toString("hex")} p@ss:w/rd'\\"-pw`;
  const forms = secretForms(secret, "canary");

  it("find the secret however it was encoded, at any offset, and nothing else", () => {
    const raw = Buffer.from(secret);
    for (let pre = 0; pre < 4; pre++) {
      for (let post = 0; post < 4; post++) {
        const padded = Buffer.concat([randomBytes(pre), raw, randomBytes(post)]);
        for (const text of [
          padded.toString("base64"),
          padded.toString("base64url"),
          padded.toString("hex"),
          padded.toString("hex").toUpperCase(),
        ]) {
          expect(findForms(`x${text}y`, forms).length, text).toBeGreaterThan(0);
        }
      }
    }
    const wrapped = [
      JSON.stringify({ password: secret }),
      `postgresql://u:${encodeURIComponent(secret)}@h/db`,
      `*:*:*:*:${secret.replace(/[\\:]/g, (c) => `\\${c}`)}\n`,
      `ALTER ROLE x PASSWORD '${secret.replace(/'/g, "''")}'`,
      Buffer.from(`pw=${secret}`, "utf16le"),
    ];
    for (const w of wrapped) expect(findForms(w, forms).length, String(w)).toBeGreaterThan(0);
    expect(findForms(`Canary-000000000000 p@ss:w/rd ${randomBytes(64).toString("base64")}`, forms)).toEqual(
      [],
    );
  });

  it("see a child's argv and environment while it runs", async () => {
    const sampler = new ProcSampler(process.pid);
    sampler.start();
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "--", `--x=${secret}`], {
      env: { ...process.env, SWEEP_SECRET: Buffer.from(secret).toString("base64") },
      stdio: "ignore",
    });
    try {
      // right after fork the child still shows the parent's argv: wait for the exec'd one
      const execd = () =>
        sampler.children.has(child.pid!) && [...sampler.texts.keys()].some((t) => t.includes("setInterval("));
      await until(execd, "the sampler to see the child", 10_000, 20);
    } finally {
      child.kill();
      await sampler.stop();
    }
    const where = sampler.leaks(forms).map((l) => `${l.where.replace(/pid \d+/, "pid")} ${l.form}`);
    expect(where).toContain("argv of pid (node) utf8");
    expect(where.some((w) => w.startsWith("environ of pid (node) base64"))).toBe(true);
    expect(sampler.environReads).toBeGreaterThan(0);
  });

  it("read a short-lived file the moment it appears, and scan files binary-safe afterwards", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pgdesk-sweep-unit-"));
    try {
      const watcher = new NewFileWatcher();
      watcher.watch(dir, true);
      await mkdir(join(dir, "nested"));
      const file = join(dir, "nested", "pgpass");
      await writeFile(file, `*:*:*:*:${secret.replace(/[\\:]/g, (c) => `\\${c}`)}\n`, { mode: 0o600 });
      await until(() => watcher.reads > 0, "the watcher to read the file", 10_000, 20);
      await rm(file);
      await watcher.stop();
      expect(watcher.leaks(forms).map((l) => l.form)).toContain("pgpass");

      await writeFile(
        join(dir, "blob.bin"),
        Buffer.concat([randomBytes(1000), Buffer.from(secret, "utf16le"), randomBytes(1000)]),
      );
      const scan = await scanFiles(await filesUnder(dir), forms);
      expect(scan.files).toBe(1);
      expect(scan.leaks.map((l) => l.form)).toEqual(["utf16le"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
