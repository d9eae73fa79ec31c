import { kindPriority, sectionRank, type DumpObject } from "./model";

export interface SortResult {
  ordered: DumpObject[];
  /** Entries emitted before everything they need (a dependency cycle no split resolved). */
  cycles: DumpObject[];
}

/**
 * Topological order of the entries (Kahn's algorithm, like pg_dump_sort.c's TopoSort): of
 * the entries whose needs are met, the first by section, kind priority, schema and name
 * goes next. When a cycle leaves nothing ready, the first remaining entry goes anyway and
 * is reported, so the caller can say so instead of hiding it.
 */
export function sortObjects(objects: readonly DumpObject[]): SortResult {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const waiting = new Map<DumpObject, number>();
  const dependents = new Map<string, DumpObject[]>();
  for (const o of objects) {
    let n = 0;
    for (const d of o.deps) {
      if (d === o.id || !byId.has(d)) continue;
      n++;
      const list = dependents.get(d);
      if (list) list.push(o);
      else dependents.set(d, [o]);
    }
    waiting.set(o, n);
  }
  const ready = new Heap<DumpObject>(compareObjects);
  for (const [o, n] of waiting) if (n === 0) ready.push(o);
  const ordered: DumpObject[] = [];
  const cycles: DumpObject[] = [];
  const done = new Set<DumpObject>();
  const emit = (o: DumpObject) => {
    done.add(o);
    ordered.push(o);
    for (const next of dependents.get(o.id) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0 && !done.has(next)) ready.push(next);
    }
  };
  while (ordered.length < objects.length) {
    const next = ready.pop();
    if (next) {
      if (!done.has(next)) emit(next);
      continue;
    }
    const stuck = [...waiting.keys()].filter((o) => !done.has(o)).sort(compareObjects)[0]!;
    cycles.push(stuck);
    emit(stuck);
  }
  return { ordered, cycles };
}

export function compareObjects(a: DumpObject, b: DumpObject): number {
  return (
    sectionRank[a.section] - sectionRank[b.section] ||
    (kindPriority[a.kind] ?? 99) - (kindPriority[b.kind] ?? 99) ||
    compareText(a.schema ?? "", b.schema ?? "") ||
    compareText(a.name, b.name) ||
    compareText(a.id, b.id)
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A binary min-heap. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
