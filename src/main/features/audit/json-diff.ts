import type { FieldChange } from "../../../shared/contract/audit";

/** Strings longer than this (or with newlines) get a line diff instead of from/to only. */
const LONG_TEXT = 120;
/** Beyond this many lines a line diff costs more than it tells. */
const MAX_DIFF_LINES = 2000;

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * Field-level differences between two JSON snapshots: added, removed and changed paths,
 * descending into nested objects and arrays; long text gets a line diff.
 */
export function diffJson(before: Json, after: Json, ignore: ReadonlySet<string> = new Set()): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, "", out, ignore);
  return out;
}

function walk(a: Json, b: Json, path: string, out: FieldChange[], ignore: ReadonlySet<string>): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    // a's fields in order, then the ones only b has (own fields only: "constructor" is data here)
    for (const key of Object.keys(a)) {
      if (!path && ignore.has(key)) continue;
      const p = join(path, key);
      if (!Object.hasOwn(b, key)) out.push({ path: p, kind: "removed", from: a[key] });
      else walk(a[key], b[key], p, out, ignore);
    }
    for (const key of Object.keys(b)) {
      if (Object.hasOwn(a, key) || (!path && ignore.has(key))) continue;
      out.push({ path: join(path, key), kind: "added", to: b[key] });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = join(path, i);
      if (i >= a.length) out.push({ path: p, kind: "added", to: b[i] });
      else if (i >= b.length) out.push({ path: p, kind: "removed", from: a[i] });
      else walk(a[i], b[i], p, out, ignore);
    }
    return;
  }
  if (equal(a, b)) return;
  const change: FieldChange = { path: path || "(value)", kind: "changed", from: a, to: b };
  if (
    typeof a === "string" &&
    typeof b === "string" &&
    (a.length > LONG_TEXT || b.length > LONG_TEXT || a.includes("\n") || b.includes("\n"))
  ) {
    change.lines = lineDiff(a, b);
  }
  out.push(change);
}

/** Called only when a !== b and they are not two objects or two arrays. */
function equal(a: Json, b: Json): boolean {
  // a primitive equals nothing but itself; only an object against an array is left to compare
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A line diff by longest common subsequence (texts are bounded by MAX_DIFF_LINES). */
export function lineDiff(a: string, b: string): Array<{ op: "same" | "add" | "del"; text: string }> {
  const x = a.split("\n");
  const y = b.split("\n");
  if (x.length * y.length > (MAX_DIFF_LINES * MAX_DIFF_LINES) / 4) {
    return [
      ...x.map((text) => ({ op: "del" as const, text })),
      ...y.map((text) => ({ op: "add" as const, text })),
    ];
  }
  const m = x.length;
  const n = y.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Array<{ op: "same" | "add" | "del"; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (x[i] === y[j]) {
      out.push({ op: "same", text: x[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "del", text: x[i++]! });
    else out.push({ op: "add", text: y[j++]! });
  }
  while (i < m) out.push({ op: "del", text: x[i++]! });
  while (j < n) out.push({ op: "add", text: y[j++]! });
  return out;
}

/** Applies a {field: {from, to}} or {field: [from, to]} change set to a snapshot (top-level fields). */
export function applyChanges(state: Json, changes: Json): Json {
  if (!isObject(changes)) return state;
  const next: Record<string, Json> = isObject(state) ? { ...state } : {};
  for (const [key, change] of Object.entries(changes)) {
    if (Array.isArray(change) && change.length === 2) next[key] = change[1];
    else if (isObject(change) && "to" in change) next[key] = change.to;
  }
  return next;
}
