import type { Buffers, IoTiming, Jit, Planning, Serialization, Trigger, Wal } from "./plan.model";
import type { RawNode } from "./plan.raw";
import { num, str } from "./plan.values";

const BUFFER_KEYS: Record<keyof Buffers, string> = {
  sharedHit: "Shared Hit Blocks",
  sharedRead: "Shared Read Blocks",
  sharedDirtied: "Shared Dirtied Blocks",
  sharedWritten: "Shared Written Blocks",
  localHit: "Local Hit Blocks",
  localRead: "Local Read Blocks",
  localDirtied: "Local Dirtied Blocks",
  localWritten: "Local Written Blocks",
  tempRead: "Temp Read Blocks",
  tempWritten: "Temp Written Blocks",
};

export const BUFFER_PROPERTY_NAMES = new Set(Object.values(BUFFER_KEYS));

export function buffersOf(r: Record<string, unknown>): Buffers | null {
  let any = false;
  const b = {} as Buffers;
  for (const [field, key] of Object.entries(BUFFER_KEYS) as Array<[keyof Buffers, string]>) {
    const v = num(r[key]);
    if (v !== null) any = true;
    b[field] = v ?? 0;
  }
  return any ? b : null;
}

export const ZERO_BUFFERS: Buffers = {
  sharedHit: 0,
  sharedRead: 0,
  sharedDirtied: 0,
  sharedWritten: 0,
  localHit: 0,
  localRead: 0,
  localDirtied: 0,
  localWritten: 0,
  tempRead: 0,
  tempWritten: 0,
};

const IO_KEYS: Array<[IoTiming["scope"], string]> = [
  ["shared/local", ""],
  ["shared", "Shared "],
  ["local", "Local "],
  ["temp", "Temp "],
];

export const IO_PROPERTY_NAMES = new Set(
  IO_KEYS.flatMap(([, p]) => [`${p}I/O Read Time`, `${p}I/O Write Time`]),
);

export function ioOf(r: Record<string, unknown>): IoTiming[] {
  const out: IoTiming[] = [];
  for (const [scope, prefix] of IO_KEYS) {
    const readMs = num(r[`${prefix}I/O Read Time`]);
    const writeMs = num(r[`${prefix}I/O Write Time`]);
    if (readMs !== null || writeMs !== null) out.push({ scope, readMs, writeMs });
  }
  return out;
}

export function walOf(r: Record<string, unknown>): Wal | null {
  const records = num(r["WAL Records"]);
  const fpi = num(r["WAL FPI"]);
  const bytes = num(r["WAL Bytes"]);
  const buffersFull = num(r["WAL Buffers Full"]);
  if (records === null && fpi === null && bytes === null && buffersFull === null) return null;
  return { records: records ?? 0, fpi: fpi ?? 0, bytes: bytes ?? 0, buffersFull: buffersFull ?? 0 };
}

export function jitOf(raw: unknown): Jit | null {
  if (!raw || typeof raw !== "object") return null;
  const j = raw as Record<string, unknown>;
  const t = (j.Timing ?? {}) as Record<string, unknown>;
  // PostgreSQL 17 made Generation an object {Deform, Total}
  const gen = t.Generation;
  const genObj = gen && typeof gen === "object" ? (gen as Record<string, unknown>) : null;
  const options = j.Options && typeof j.Options === "object" ? (j.Options as Record<string, unknown>) : {};
  return {
    functions: num(j.Functions) ?? 0,
    options: Object.entries(options).map(([k, v]) => [k, v === true]),
    generationMs: genObj ? num(genObj.Total) : num(gen),
    deformMs: genObj ? num(genObj.Deform) : null,
    inliningMs: num(t.Inlining),
    optimizationMs: num(t.Optimization),
    emissionMs: num(t.Emission),
    totalMs: num(t.Total),
  };
}

export function triggersOf(raw: unknown): Trigger[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Array<Record<string, unknown>>).map((t) => ({
    name: str(t["Trigger Name"]),
    constraintName: str(t["Constraint Name"]),
    relation: str(t.Relation),
    timeMs: num(t.Time),
    calls: num(t.Calls) ?? 0,
  }));
}

export function planningOf(raw: unknown): Planning | null {
  if (!raw || typeof raw !== "object") return null;
  const p = raw as Record<string, unknown>;
  return {
    buffers: buffersOf(p),
    io: ioOf(p),
    memoryUsedKb: num(p["Memory Used"]),
    memoryAllocatedKb: num(p["Memory Allocated"]),
  };
}

export function serializationOf(raw: unknown): Serialization | null {
  if (!raw || typeof raw !== "object") return null;
  const s = raw as Record<string, unknown>;
  return {
    timeMs: num(s.Time),
    outputKb: num(s["Output Volume"]),
    format: str(s.Format),
    buffers: buffersOf(s),
    io: ioOf(s),
  };
}

/** A property value as display text: lists joined, nested groups as "key value" pairs. */
export function detailText(v: unknown): string {
  if (typeof v === "string") return v;
  if (Array.isArray(v))
    return v.map((x) => (Array.isArray(x) ? `(${x.map(detailText).join(", ")})` : detailText(x))).join(", ");
  if (v && typeof v === "object")
    return Object.entries(v as RawNode)
      .map(([k, x]) => `${k}: ${detailText(x)}`)
      .join("; ");
  return String(v);
}
