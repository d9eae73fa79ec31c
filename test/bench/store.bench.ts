// The app's local store (SQLite through Prisma + libsql, WAL, synchronous=FULL).
// tab-save-100k: tabs:save of a 100 kB SQL text through the registry (validation, handler,
//   one UPDATE committed to disk) vs a bare fs write + fsync of the same bytes.
// history-append: one history entry (what a run records) through the repository vs the
//   same entry appended as a JSON line + fsync (the least a durable log can do).
// history-vs-json: the same append vs what the JSON-file store did per run (rewrite the
//   whole 5,000-entry file through a temp file and a rename, without fsync).
import { randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { writeJsonFileAtomic } from "../../src/main/json-file";
import { createTestApp } from "../harness/app";
import { alternate, median, report, scaleArg } from "./support";

const kb = scaleArg(100);
const runs = 25;
const app = await createTestApp();

async function writeAndSync(path: string, text: string, flags: "w" | "a"): Promise<void> {
  const file = await open(path, flags);
  try {
    await file.write(text);
    await file.sync();
  } finally {
    await file.close();
  }
}

try {
  const store = await app.ctx.store();
  // a typed text: the same size each time, never the same bytes (as between two debounced saves)
  const base = "SELECT o.id, o.total FROM orders o WHERE o.customer_id = $1;\n".repeat((kb * 1024) / 60);
  let n = 0;
  const nextText = () => `${base}-- edit ${++n} ${randomBytes(4).toString("hex")}\n`;
  await app.call("tabs:save", { id: "bench-tab", title: "bench", sql: nextText() });
  const file = join(app.dataDir, "bench-tab.sql");
  const save = await alternate(
    runs,
    () =>
      app.call("tabs:save", { id: "bench-tab", sql: nextText(), cursor: { line: 1, column: n % 80 || 1 } }),
    () => writeAndSync(file, nextText(), "w"),
  );
  report(`store/tab-save-${kb}k`, median(save.app), median(save.baseline), "ms", "<= 3.0", runs);

  const entry = () => ({
    profileId: "bench",
    sql: `SELECT ${++n} FROM orders`,
    durationMs: 1.2,
    rowCount: 1,
  });
  const log = join(app.dataDir, "history.jsonl");
  const append = await alternate(
    runs,
    () => store.history.add([entry()]),
    () =>
      writeAndSync(log, JSON.stringify({ ...entry(), id: "x", at: new Date().toISOString() }) + "\n", "a"),
  );
  report("store/history-append", median(append.app), median(append.baseline), "ms", "<= 3.0", runs);

  const old = Array.from({ length: 5000 }, (_, i) => ({
    ...entry(),
    id: `h${i}`,
    at: new Date().toISOString(),
  }));
  const oldFile = join(app.dataDir, "query-history-old.json");
  const vsJson = await alternate(
    runs,
    () => store.history.add([entry()]),
    () => {
      old.shift();
      old.push({ ...entry(), id: `h${n}`, at: new Date().toISOString() });
      return writeJsonFileAtomic(oldFile, old);
    },
  );
  report("store/history-vs-json-store", median(vsJson.app), median(vsJson.baseline), "ms", "<= 1.0", runs);
} finally {
  await app.close();
}
