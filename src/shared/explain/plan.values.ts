/** Reading EXPLAIN's loosely typed properties. */

/** One node of EXPLAIN (FORMAT JSON) output; the text parser produces the same shape. */
export type RawNode = Record<string, unknown> & { Plans?: RawNode[] };

export function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

export function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== "object")) return v.join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
