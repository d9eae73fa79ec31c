// Saves query tabs in a loop through the store, printing "ack <run> <i> <tab>" after each
// save returns; the crash test kills this process with SIGKILL at a moment of its choosing.
import { openStore } from "../../../src/main/store/store";

const [dataDir, run, padChars] = process.argv.slice(2);
const quiet = { info: () => undefined, warn: console.error, error: console.error };
const store = await openStore({ dataDir: dataDir!, log: quiet });
const pad = "x".repeat(Number(padChars));
process.stdout.write("ready\n");
for (let i = 1; ; i++) {
  const id = `tab-${i % 3}`;
  await store.tabs.save({ id, sql: tabText(run!, i, pad), cursor: { line: 1, column: i } });
  // stdout to a pipe is synchronous on Linux: the parent sees this before the next save starts
  process.stdout.write(`ack ${run} ${i} ${id}\n`);
}

export function tabText(run: string, i: number, pad: string): string {
  return `-- run ${run} save ${i}\n${pad}\n-- end ${i}`;
}
