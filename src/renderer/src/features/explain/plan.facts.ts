import type {
  Buffers,
  IoTiming,
  PlanModel,
  PlanNode,
  PlanWorker,
  Wal,
} from "../../../../shared/explain/plan.model";
import { formatBlocks, formatCount, formatMs, formatShare } from "./plan.format";
import { plural } from "../../../../shared/format/plural";

/** A labelled group of label/value lines, as the details panes show them. */
export interface FactGroup {
  title: string;
  rows: Array<[string, string]>;
}

const ms = (v: number | null) => formatMs(v);
const kb = (v: number | null) => (v === null ? "—" : `${formatCount(v)} kB`);

export function buffersText(b: Buffers): string[] {
  const parts: string[] = [];
  const scope = (name: string, pairs: Array<[string, number]>) => {
    const shown = pairs
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${formatCount(v)} (${formatBlocks(v)})`);
    if (shown.length) parts.push(`${name}: ${shown.join(", ")}`);
  };
  scope("shared", [
    ["hit", b.sharedHit],
    ["read", b.sharedRead],
    ["dirtied", b.sharedDirtied],
    ["written", b.sharedWritten],
  ]);
  scope("local", [
    ["hit", b.localHit],
    ["read", b.localRead],
    ["dirtied", b.localDirtied],
    ["written", b.localWritten],
  ]);
  scope("temp", [
    ["read", b.tempRead],
    ["written", b.tempWritten],
  ]);
  return parts.length ? parts : ["none touched"];
}

export function ioText(io: IoTiming[]): string {
  return io
    .map(
      (t) =>
        `${t.scope}${t.readMs !== null ? ` read ${ms(t.readMs)}` : ""}${t.writeMs !== null ? ` write ${ms(t.writeMs)}` : ""}`,
    )
    .join("; ");
}

export function walText(w: Wal): string {
  return `${formatCount(w.records)} records, ${formatCount(w.fpi)} full-page images, ${formatCount(w.bytes)} bytes${w.buffersFull ? `, WAL buffers full ${formatCount(w.buffersFull)} times` : ""}`;
}

function perLoop(n: PlanNode): string {
  if (n.neverExecuted) return "never executed";
  if (n.actualLoops === null) return "—";
  const time = n.actualTotalMs === null ? "" : `${ms(n.actualStartupMs)} … ${ms(n.actualTotalMs)}, `;
  return `${time}${formatCount(n.actualRows)} ${plural(n.actualRows ?? 0, "row")} × ${formatCount(n.actualLoops)} ${plural(n.actualLoops ?? 0, "loop")}`;
}

/** Figures that are per loop in EXPLAIN: shown as totals, saying how they were counted. */
function totals(n: PlanNode): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const loops = n.actualLoops ?? 1;
  const removed = (label: string, total: number | null) => {
    if (total === null) return;
    rows.push([
      `${label}, all loops`,
      loops > 1
        ? `≈ ${formatCount(total)} (${formatCount(total / loops)} per loop, rounded, × ${formatCount(loops)})`
        : formatCount(total),
    ]);
  };
  removed("Rows removed by filter", n.rowsRemovedByFilter);
  removed("Rows removed by join filter", n.rowsRemovedByJoinFilter);
  removed("Rows removed by index recheck", n.rowsRemovedByIndexRecheck);
  if (n.heapFetches !== null)
    rows.push(["Heap fetches, all loops", `${formatCount(n.heapFetches)} (printed as a total)`]);
  return rows;
}

function timing(n: PlanNode): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ["Inclusive time", `${ms(n.inclusiveMs)} (${formatShare(n.inclusiveShare)})`],
    ["Exclusive time", `${ms(n.exclusiveMs)} (${formatShare(n.exclusiveShare)})`],
    ["Actual per loop", perLoop(n)],
    [
      "Rows estimated / actual, all loops",
      `${formatCount(n.estimatedRowsTotal)} / ${formatCount(n.actualRowsTotal)}`,
    ],
  ];
  if (n.misestimate)
    rows.push([
      "Misestimate",
      `${n.misestimate.factor.toFixed(1)}× ${n.misestimate.direction === "under" ? "underestimated" : "overestimated"}`,
    ]);
  if (n.earlyStop) rows.push(["Stopped early", n.earlyStop]);
  rows.push([
    "Cost",
    n.startupCost === null || n.totalCost === null
      ? "not printed (COSTS OFF)"
      : `${n.startupCost.toFixed(2)} … ${n.totalCost.toFixed(2)} (width ${n.planWidth ?? "—"})`,
  ]);
  if (n.parallelAware) rows.push(["Parallel aware", "yes"]);
  if (n.asyncCapable) rows.push(["Runs asynchronously", "yes (async append)"]);
  if (n.disabled)
    rows.push(["Disabled", "the planner was told not to use this node type, and had no other way"]);
  if (n.workersPlanned !== null || n.workersLaunched !== null)
    rows.push(["Workers", `${n.workersLaunched ?? "?"} launched of ${n.workersPlanned ?? "?"} planned`]);
  return rows.concat(totals(n));
}

function io(n: PlanNode): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (n.buffers) {
    rows.push(["Buffers (with children)", buffersText(n.buffers).join("; ")]);
    if (n.exclusiveBuffers) rows.push(["Buffers (this node)", buffersText(n.exclusiveBuffers).join("; ")]);
  }
  if (n.io.length) rows.push(["I/O time", ioText(n.io)]);
  if (n.wal) rows.push(["WAL", walText(n.wal)]);
  return rows;
}

function worker(w: PlanWorker): [string, string] {
  const parts: string[] = [];
  if (w.actualLoops !== null)
    parts.push(
      `${w.actualTotalMs !== null ? `${ms(w.actualStartupMs)} … ${ms(w.actualTotalMs)}, ` : ""}${formatCount(w.actualRows)} ${plural(w.actualRows ?? 0, "row")} × ${formatCount(w.actualLoops)} ${plural(w.actualLoops ?? 0, "loop")}`,
    );
  if (w.buffers) parts.push(`buffers ${buffersText(w.buffers).join("; ")}`);
  for (const [k, v] of w.details) parts.push(`${k}: ${v}`);
  return [`Worker ${w.number}`, parts.join(" · ")];
}

/** Everything the server said about one node, grouped for display. */
export function nodeFacts(n: PlanNode): FactGroup[] {
  const groups: FactGroup[] = [{ title: "Time and rows", rows: timing(n) }];
  const ioRows = io(n);
  if (ioRows.length) groups.push({ title: "Buffers, I/O and WAL", rows: ioRows });
  if (n.workers.length) groups.push({ title: "Per worker", rows: n.workers.map(worker) });
  if (n.details.length) groups.push({ title: "Properties, as the server named them", rows: n.details });
  if (n.unparsedLines.length)
    groups.push({
      title: "Lines pgdesk did not recognise, as printed",
      rows: n.unparsedLines.map((l, i) => [`Line ${i + 1}`, l]),
    });
  return groups;
}

/** The plan's own figures: planning, execution, triggers, JIT, serialization, settings. */
export function planFacts(p: PlanModel): FactGroup[] {
  const groups: FactGroup[] = [];
  const overall: Array<[string, string]> = [];
  overall.push([
    "Execution time",
    p.executionMs !== null
      ? ms(p.executionMs)
      : p.analyzed
        ? "not printed (SUMMARY OFF)"
        : "not run (no ANALYZE)",
  ]);
  overall.push(["Planning time", p.planningMs !== null ? ms(p.planningMs) : "not printed"]);
  if (!p.costs) overall.push(["Costs", "not printed (COSTS OFF)"]);
  if (p.analyzed && !p.timed) overall.push(["Per-node times", "not measured (TIMING OFF)"]);
  if (p.queryIdentifier) overall.push(["Query identifier", p.queryIdentifier]);
  groups.push({ title: "Plan", rows: overall });
  if (p.planning) {
    const rows: Array<[string, string]> = [];
    if (p.planning.buffers) rows.push(["Buffers", buffersText(p.planning.buffers).join("; ")]);
    if (p.planning.io.length) rows.push(["I/O time", ioText(p.planning.io)]);
    if (p.planning.memoryUsedKb !== null)
      rows.push([
        "Memory",
        `${kb(p.planning.memoryUsedKb)} used, ${kb(p.planning.memoryAllocatedKb)} allocated`,
      ]);
    groups.push({ title: "Planning", rows });
  }
  if (p.triggers.length)
    groups.push({
      title: "Triggers",
      rows: p.triggers.map((t) => [
        `${t.name ?? "(constraint trigger)"}${t.constraintName ? ` for constraint ${t.constraintName}` : ""}${t.relation ? ` on ${t.relation}` : ""}`,
        `${t.timeMs !== null ? `${ms(t.timeMs)}, ` : ""}${formatCount(t.calls)} calls`,
      ]),
    });
  if (p.jit) {
    const j = p.jit;
    const rows: Array<[string, string]> = [["Functions", formatCount(j.functions)]];
    if (j.options.length)
      rows.push(["Options", j.options.map(([k, v]) => `${k} ${v ? "on" : "off"}`).join(", ")]);
    if (j.totalMs !== null)
      rows.push([
        "Timing",
        `generation ${ms(j.generationMs)}${j.deformMs !== null ? ` (deform ${ms(j.deformMs)})` : ""}, inlining ${ms(j.inliningMs)}, optimization ${ms(j.optimizationMs)}, emission ${ms(j.emissionMs)}, total ${ms(j.totalMs)}`,
      ]);
    groups.push({ title: "JIT", rows });
  }
  if (p.serialization) {
    const s = p.serialization;
    const rows: Array<[string, string]> = [
      [
        "Output",
        `${kb(s.outputKb)} in ${s.format ?? "?"} format${s.timeMs !== null ? `, ${ms(s.timeMs)}` : ""}`,
      ],
    ];
    if (s.buffers) rows.push(["Buffers", buffersText(s.buffers).join("; ")]);
    if (s.io.length) rows.push(["I/O time", ioText(s.io)]);
    groups.push({ title: "Serialization", rows });
  }
  if (p.settings.length)
    groups.push({
      title: "Settings that differ from the defaults",
      rows: p.settings.map(([k, v]) => [k, v ?? "NULL"]),
    });
  if (p.details.length) groups.push({ title: "Other plan properties", rows: p.details });
  if (p.unparsedLines.length)
    groups.push({
      title: "Plan lines pgdesk did not recognise, as printed",
      rows: p.unparsedLines.map((l, i) => [`Line ${i + 1}`, l]),
    });
  return groups;
}
