/** What pg_dump --verbose says when it starts copying one table's rows. */
const TABLE_LINE = /dumping contents of table "?(.+?)"?$/;

/** The qualified table name from a verbose line, if it is one that starts a table. */
export function tableFromVerboseLine(line: string): string | undefined {
  const m = TABLE_LINE.exec(line.trim());
  return m?.[1];
}

export interface ProgressTable {
  /** schema.name as pg_dump prints it (unquoted). */
  key: string;
  /** Estimated bytes on disk: weights the ETA towards big tables. */
  weight: number;
}

/** Progress of a dump from the tables seen so far, weighted by size for the ETA. */
export class DumpProgress {
  private readonly weights = new Map<string, number>();
  private readonly totalWeight: number;
  private doneWeight = 0;
  tablesDone = 0;

  constructor(
    tables: ProgressTable[],
    private readonly startedAt = Date.now(),
  ) {
    for (const t of tables) this.weights.set(t.key, Math.max(t.weight, 8192));
    this.totalWeight = [...this.weights.values()].reduce((a, b) => a + b, 0);
  }

  get tablesTotal(): number {
    return this.weights.size;
  }

  /** Returns true when the line started a table we were waiting for. */
  onLine(line: string): boolean {
    const key = tableFromVerboseLine(line);
    if (key === undefined) return false;
    const w = this.weights.get(key);
    this.tablesDone = Math.min(this.tablesDone + 1, Math.max(this.tablesTotal, this.tablesDone + 1));
    // a table "starts" when its line appears: count the previous ones as done, this one half done
    this.doneWeight += w ?? 0;
    return true;
  }

  etaMs(now = Date.now()): number | null {
    const elapsed = now - this.startedAt;
    if (this.doneWeight <= 0 || this.totalWeight <= 0 || elapsed < 500) return null;
    const fraction = Math.min(this.doneWeight / this.totalWeight, 1);
    return Math.max(0, Math.round(elapsed / fraction - elapsed));
  }
}
