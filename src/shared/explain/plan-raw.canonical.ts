import type { RawNode, RawPlan } from "./plan.raw";

/** Flags EXPLAIN's TEXT format prints only when true. */
const FALSE_DROPPED = new Set(["Parallel Aware", "Async Capable", "Disabled", "Single Copy", "Inner Unique"]);

/** Counters the TEXT format leaves out when they are zero. */
const ZERO_DROPPED = new Set([
  "Shared Hit Blocks",
  "Shared Read Blocks",
  "Shared Dirtied Blocks",
  "Shared Written Blocks",
  "Local Hit Blocks",
  "Local Read Blocks",
  "Local Dirtied Blocks",
  "Local Written Blocks",
  "Temp Read Blocks",
  "Temp Written Blocks",
  "I/O Read Time",
  "I/O Write Time",
  "Shared I/O Read Time",
  "Shared I/O Write Time",
  "Local I/O Read Time",
  "Local I/O Write Time",
  "Temp I/O Read Time",
  "Temp I/O Write Time",
  "WAL Records",
  "WAL FPI",
  "WAL Bytes",
  "WAL Buffers Full",
  "Rows Removed by Filter",
  "Rows Removed by Join Filter",
  "Rows Removed by Index Recheck",
  "Rows Removed by Conflict Filter",
  "Exact Heap Blocks",
  "Lossy Heap Blocks",
  "Subplans Removed",
  "Planned Partitions",
  "Disk Usage",
  "Tuples Inserted",
  "Tuples Updated",
  "Tuples Deleted",
  "Tuples Skipped",
]);

function cleanFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (v === false && FALSE_DROPPED.has(k)) continue;
    if (v === 0 && ZERO_DROPPED.has(k)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The one form every reader's output is brought to before the model is built: what the
 * TEXT format never prints (false flags, zero counters, workers with nothing to report,
 * an empty planning section, the times of a node that never ran) is dropped from every
 * source alike, so a plan read from TEXT and from JSON give the same model.
 */
export function canonicalPlan(raw: RawPlan): RawPlan {
  const out = cleanFields(raw) as RawPlan;
  out.Plan = canonicalNode(raw.Plan);
  for (const key of ["Planning", "Serialization"]) {
    const section = raw[key];
    if (section && typeof section === "object") {
      const cleaned = cleanFields(section as Record<string, unknown>);
      if (Object.keys(cleaned).length > 0) out[key] = cleaned;
      else delete out[key];
    }
  }
  if (Array.isArray(raw.Triggers) && raw.Triggers.length === 0) delete out.Triggers;
  if (raw["Query Identifier"] !== undefined) out["Query Identifier"] = String(raw["Query Identifier"]);
  return out;
}

function canonicalNode(raw: RawNode): RawNode {
  const out = cleanFields(raw) as RawNode;
  // TEXT prints only "Backward": a forward scan and an unordered one (NoMovement) look alike
  if (out["Scan Direction"] !== "Backward") delete out["Scan Direction"];
  if (out["Actual Loops"] === 0) {
    delete out["Actual Startup Time"];
    delete out["Actual Total Time"];
  }
  if (Array.isArray(raw.Workers)) {
    const workers = (raw.Workers as Array<Record<string, unknown>>)
      .map(cleanFields)
      .filter((w) => Object.keys(w).some((k) => k !== "Worker Number"));
    if (workers.length > 0) out.Workers = workers;
    else delete out.Workers;
  }
  if (Array.isArray(raw["Target Tables"]))
    out["Target Tables"] = (raw["Target Tables"] as Array<Record<string, unknown>>).map(cleanFields);
  if (raw.Plans) out.Plans = raw.Plans.map(canonicalNode);
  return out;
}
