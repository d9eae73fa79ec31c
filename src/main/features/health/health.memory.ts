/**
 * What the app remembers between reports, per profile+database, for the life of the
 * process: the database size (growth since the last look) and the XID counter (burn rate).
 */
export interface Remembered {
  at: number;
  value: number;
}

export class HealthMemory {
  private readonly figures = new Map<string, Remembered>();

  /** Stores `value` and returns what was remembered before (if anything). */
  swap(key: string, value: number, at: number): Remembered | undefined {
    const before = this.figures.get(key);
    this.figures.set(key, { at, value });
    return before;
  }
}
