import type { RawNode } from "../plan.raw";
import { splitExpressionList } from "./expression-list";

/** Properties whose value is an expression or a name, kept as printed (never a number or a boolean). */
const TEXTS = new Set([
  "Filter",
  "Join Filter",
  "Index Cond",
  "Recheck Cond",
  "Hash Cond",
  "Merge Cond",
  "One-Time Filter",
  "TID Cond",
  "Order By",
  "Run Condition",
  "Conflict Filter",
  "Conflict Resolution",
  "Cache Key",
  "Cache Mode",
  "Function Call",
  "Table Function Call",
  "Remote SQL",
  "Relations",
  "Window",
  "Query Text",
  "Query Parameters",
  "Query Identifier",
]);

const LISTS = new Set(["Output", "Sort Key", "Presorted Key", "Conflict Arbiter Indexes"]);

const KEY = /^([A-Z][A-Za-z0-9 /-]*?):(?: (.*))?$/;

/** "Key: value" of a property line, or null when the line has no such shape. */
export function splitProperty(content: string): { key: string; value: string } | null {
  const m = KEY.exec(content);
  return m ? { key: m[1]!, value: (m[2] ?? "").trim() } : null;
}

/** Reads one property line into the node in the JSON format's names; false when it is not a property. */
export function readProperty(content: string, node: RawNode): boolean {
  const p = splitProperty(content);
  if (!p) return false;
  const { key, value } = p;
  const special = SPECIAL[key];
  if (special) {
    if (special(value, node)) return true;
  } else if (TEXTS.has(key)) {
    node[key] = value;
    return true;
  } else if (LISTS.has(key)) {
    node[key] = splitExpressionList(value);
    return true;
  }
  node[key] = scalar(value);
  return true;
}

/** A number ("12", "1.5 ms", "3 kB"), a boolean, or the text as printed. */
export function scalar(value: string): unknown {
  const n = /^(-?\d+(?:\.\d+)?)(?: (?:ms|kB))?$/.exec(value);
  if (n) return Number(n[1]);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

type Reader = (value: string, node: RawNode) => boolean;

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/** "a=1 b=2" pairs of a figures line. */
function pairs(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of value.matchAll(/([a-z][a-z ]*?)=([-\d.]+)/g)) out.set(m[1]!, m[2]!);
  return out;
}

const SEGMENT_BREAK =
  /\s{2,}|\s(?=(?:Memory Usage|Disk Usage|Average Memory|Peak Memory|Average Disk|Peak Disk|Sort Methods?|Batches|Hits|Misses|Evictions|Overflows|Maximum Storage): )/;

/**
 * "Key: 12kB  Other: 3" segments: EXPLAIN separates them by two spaces; a re-joined wrap
 * may have left one, so a space before the next "Key:" separates too.
 */
function segments(line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of line.split(SEGMENT_BREAK)) {
    const m = /^([A-Za-z][A-Za-z -]*?):\s+(.*)$/.exec(part.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const kb = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/\s*kB$/, "")));

function assign(node: RawNode, values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) node[k] = v;
}

const SPECIAL: Record<string, Reader> = {
  "Sort Method": (value, node) => {
    // "quicksort  Memory: 25kB"; old servers printed two spaces after the colon
    const m = /^(.*?)\s+(Memory|Disk):\s+(\d+)kB$/.exec(value);
    if (!m) return false;
    assign(node, { "Sort Method": m[1], "Sort Space Used": Number(m[3]), "Sort Space Type": m[2] });
    return true;
  },
  Buckets: (value, node) => {
    const s = segments(`Buckets: ${value}`);
    const buckets = /^(\d+)(?: \(originally (\d+)\))?$/.exec(s.get("Buckets") ?? "");
    const batches = /^(\d+)(?: \(originally (\d+)\))?$/.exec(s.get("Batches") ?? "");
    if (!buckets || !batches) return false;
    assign(node, {
      "Hash Buckets": Number(buckets[1]),
      "Original Hash Buckets": Number(buckets[2] ?? buckets[1]),
      "Hash Batches": Number(batches[1]),
      "Original Hash Batches": Number(batches[2] ?? batches[1]),
      "Peak Memory Usage": kb(s.get("Memory Usage")),
    });
    return true;
  },
  "Planned Partitions": (value, node) => hashAgg(`Planned Partitions: ${value}`, node),
  Batches: (value, node) => hashAgg(`Batches: ${value}`, node),
  Hits: (value, node) => {
    const s = segments(`Hits: ${value}`);
    if (!s.has("Misses")) return false;
    assign(node, {
      "Cache Hits": num(s.get("Hits")),
      "Cache Misses": num(s.get("Misses")),
      "Cache Evictions": num(s.get("Evictions")),
      "Cache Overflows": num(s.get("Overflows")),
      "Peak Memory Usage": kb(s.get("Memory Usage")),
    });
    return true;
  },
  "Heap Blocks": (value, node) => {
    const p = pairs(value);
    assign(node, { "Exact Heap Blocks": num(p.get("exact")), "Lossy Heap Blocks": num(p.get("lossy")) });
    return p.size > 0;
  },
  Buffers: (value, node) => readBuffers(value, node),
  "I/O Timings": (value, node) => readIoTimings(value, node),
  WAL: (value, node) => {
    const p = pairs(value);
    assign(node, {
      "WAL Records": num(p.get("records")),
      "WAL FPI": num(p.get("fpi")),
      "WAL Bytes": num(p.get("bytes")),
      "WAL Buffers Full": num(p.get("buffers full")),
    });
    return p.size > 0;
  },
  "Full-sort Groups": (value, node) => sortGroups("Full-sort", value, node),
  "Pre-sorted Groups": (value, node) => sortGroups("Pre-sorted", value, node),
  Storage: (value, node) => {
    const m = /^(\S+)\s+Maximum Storage: (\d+)kB$/.exec(value);
    if (!m) return false;
    assign(node, { Storage: m[1], "Maximum Storage": Number(m[2]) });
    return true;
  },
  Sampling: (value, node) => readSampling(value, node),
  Tuples: (value, node) => {
    const p = pairs(value);
    assign(node, {
      "Tuples Inserted": num(p.get("inserted")),
      "Tuples Updated": num(p.get("updated")),
      "Tuples Deleted": num(p.get("deleted")),
      "Tuples Skipped": num(p.get("skipped")),
    });
    return p.size > 0;
  },
  Memory: (value, node) => {
    const m = /^used=(\d+)kB\s+allocated=(\d+)kB$/.exec(value);
    if (!m) return false;
    assign(node, { "Memory Used": Number(m[1]), "Memory Allocated": Number(m[2]) });
    return true;
  },
};

/** HashAggregate: "Planned Partitions: 4  Batches: 5  Memory Usage: 4145kB  Disk Usage: 2000kB". */
function hashAgg(line: string, node: RawNode): boolean {
  const s = segments(line);
  if (!s.has("Planned Partitions") && !s.has("Memory Usage")) return false;
  assign(node, {
    "Planned Partitions": num(s.get("Planned Partitions")),
    "HashAgg Batches": num(s.get("Batches")),
    "Peak Memory Usage": kb(s.get("Memory Usage")),
    "Disk Usage": kb(s.get("Disk Usage")),
  });
  return true;
}

const SCOPES = ["shared", "local", "temp"] as const;

/** "shared hit=1 read=2 dirtied=3 written=4, local hit=5, temp read=6 written=7". */
function readBuffers(value: string, node: RawNode): boolean {
  let any = false;
  for (const part of value.split(/,\s*/)) {
    const scope = SCOPES.find((s) => part.startsWith(`${s} `));
    if (!scope) continue;
    const cap = `${scope[0]!.toUpperCase()}${scope.slice(1)}`;
    for (const [what, n] of pairs(part.slice(scope.length))) {
      const name = { hit: "Hit", read: "Read", dirtied: "Dirtied", written: "Written" }[what];
      if (!name) continue;
      node[`${cap} ${name} Blocks`] = Number(n);
      any = true;
    }
  }
  return any;
}

/**
 * "shared read=1.0 write=2.0, local …, temp …" (PostgreSQL 17+), "shared/local read=…"
 * (15–16: JSON "I/O Read Time"), or bare "read=… write=…" (before 15).
 */
function readIoTimings(value: string, node: RawNode): boolean {
  let any = false;
  for (const part of value.split(/,\s*/)) {
    const m = /^(?:(shared\/local|shared|local|temp) )?(.*)$/.exec(part)!;
    const prefix = { "shared/local": "", shared: "Shared ", local: "Local ", temp: "Temp " }[
      m[1] ?? "shared/local"
    ];
    for (const [what, n] of pairs(m[2]!)) {
      if (what !== "read" && what !== "write") continue;
      node[`${prefix}I/O ${what === "read" ? "Read" : "Write"} Time`] = Number(n);
      any = true;
    }
  }
  return any;
}

/** "3  Sort Methods: top-N heapsort, quicksort  Average Memory: 27kB  Peak Memory: 27kB". */
function sortGroups(label: string, value: string, node: RawNode): boolean {
  const s = segments(`Groups: ${value}`);
  const methods = s.get("Sort Method") ?? s.get("Sort Methods");
  if (!s.has("Groups") || methods === undefined) return false;
  const group: Record<string, unknown> = {
    "Group Count": Number(s.get("Groups")),
    "Sort Methods Used": methods.split(", "),
  };
  for (const space of ["Memory", "Disk"]) {
    if (!s.has(`Average ${space}`)) continue;
    group[`Sort Space ${space}`] = {
      "Average Sort Space Used": kb(s.get(`Average ${space}`)),
      "Peak Sort Space Used": kb(s.get(`Peak ${space}`)),
    };
  }
  node[`${label} Groups`] = group;
  return true;
}

/** "bernoulli ('10'::real) REPEATABLE ('42'::double precision)". */
function readSampling(value: string, node: RawNode): boolean {
  const open = value.indexOf(" (");
  if (open < 0) return false;
  let depth = 0;
  let quote = false;
  let close = -1;
  for (let i = open + 1; i < value.length && close < 0; i++) {
    const ch = value[i]!;
    if (ch === "'") quote = !quote;
    else if (!quote && ch === "(") depth++;
    else if (!quote && ch === ")" && --depth === 0) close = i;
  }
  if (close < 0) return false;
  const params = value.slice(open + 2, close);
  const rest = value.slice(close + 1);
  const repeatable = /^ REPEATABLE \((.*)\)$/.exec(rest);
  if (rest !== "" && !repeatable) return false;
  assign(node, {
    "Sampling Method": value.slice(0, open),
    "Sampling Parameters": params === "" ? [] : splitExpressionList(params),
    "Repeatable Seed": repeatable?.[1],
  });
  return true;
}
