/**
 * Runs `work` for every item with at most `limit` running at once, in the items' order.
 * A slot is given back only when its work has settled (so a slow item holds its slot,
 * never more than `limit` connections exist). Resolves when all are done; `peak` is the
 * most that ever ran together.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<{ peak: number }> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a positive integer, got ${limit}`);
  let next = 0;
  let running = 0;
  let peak = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      running++;
      peak = Math.max(peak, running);
      try {
        await work(item);
      } finally {
        running--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return { peak };
}
