import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../harness/app";

const child = join(import.meta.dirname, "tab-writer.child.ts");
const PAD = 20_000;

/**
 * Runs the writer until it has acknowledged `acks` saves, then SIGKILLs it; returns every
 * save it acknowledged (including those it printed while the kill was on its way).
 */
async function writeThenKill(dataDir: string, run: number, acks: number) {
  const proc = spawn(process.execPath, ["--import", "tsx", child, dataDir, String(run), String(PAD)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const lastAcked = new Map<string, number>();
  let count = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    proc.on("exit", (_code, signal) => resolve(signal)),
  );
  for await (const line of createInterface({ input: proc.stdout })) {
    const m = /^ack (\d+) (\d+) (tab-\d)$/.exec(line);
    if (!m) continue;
    lastAcked.set(m[3]!, Number(m[2]));
    // mid-loop: a save is most likely in flight; read on to the end of what it printed
    if (++count === acks) proc.kill("SIGKILL");
  }
  const signal = await exited;
  if (signal !== "SIGKILL") throw new Error(`the writer ended on its own (${signal}): ${stderr}`);
  return { lastAcked, highest: Math.max(...lastAcked.values()) };
}

describe("a crash while saving tabs", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pgdesk-crash-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("keeps every acknowledged save across kill -9 (at most the one in flight is lost)", async () => {
    for (const [run, acks] of [
      [1, 60],
      [2, 37],
      [3, 91],
    ] as const) {
      const { lastAcked, highest } = await writeThenKill(dataDir, run, acks);
      const app = await createTestApp({ dataDir });
      try {
        const status = await app.call("store:status", {});
        expect(status.notices).toEqual([]); // opened as it was: nothing moved aside
        const tabs = await app.call("tabs:list", {});
        expect(tabs.map((t) => t.id).sort()).toEqual(["tab-0", "tab-1", "tab-2"]);
        for (const tab of tabs) {
          const m = /^-- run (\d+) save (\d+)\n(x*)\n-- end (\d+)$/.exec(tab.sql);
          expect(m, `tab ${tab.id} holds a whole text`).not.toBeNull();
          const [, savedRun, saved, pad, end] = m!;
          expect(Number(savedRun)).toBe(run);
          expect(pad!.length).toBe(PAD);
          expect(end).toBe(saved);
          // the acknowledged save is there, or the one after it (in flight when killed)
          expect(Number(saved)).toBeGreaterThanOrEqual(lastAcked.get(tab.id)!);
          expect(Number(saved)).toBeLessThanOrEqual(highest + 1);
          expect(tab.cursor).toEqual({ line: 1, column: Number(saved) });
        }
      } finally {
        await app.close();
      }
    }
  });
});
