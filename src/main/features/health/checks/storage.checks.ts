import { quoteQualified, sql } from "../../../db/sql";
import type { CheckDefinition, CheckOutcome } from "../check.types";
import { bytes, details, iso, pct, seconds, statusAbove, statusBelow } from "../check.types";
import { cacheHits, databaseSize, deadTuples, xidAges, xidCounter } from "../health-storage.sql";

const GB = 1024 ** 3;

export const databaseSizeCheck: CheckDefinition = {
  id: "databaseSize",
  title: "Database size",
  async run({ query, thresholds: t, memory, memoryKey, now }) {
    const [row] = await query<{ bytes: number }>(databaseSize);
    const size = row!.bytes;
    const before = memory.swap(`size:${memoryKey}`, size, now.getTime());
    const growth = before ? size - before.value : null;
    const since = before ? (now.getTime() - before.at) / 1000 : null;
    const status = statusAbove(size / GB, t.databaseSizeWarnGb, t.databaseSizeFailGb);
    return {
      status,
      value:
        bytes(size) +
        (growth !== null
          ? ` (${growth >= 0 ? "+" : "−"}${bytes(Math.abs(growth))} in ${seconds(since!)})`
          : ""),
      threshold: `warn ${t.databaseSizeWarnGb} GB, fail ${t.databaseSizeFailGb} GB`,
      message:
        growth === null
          ? `The database takes ${bytes(size)}; growth shows from the next report on.`
          : `The database takes ${bytes(size)}, ${growth >= 0 ? "grown" : "shrunk"} by ${bytes(Math.abs(growth))} since pgdesk last looked ${seconds(since!)} ago.`,
      action:
        status === "pass"
          ? ""
          : "Check the largest tables and indexes (Schema, Indexes) for bloat and unused indexes; plan disk capacity.",
      metrics: { bytes: size, ...(growth !== null ? { growthBytes: growth, growthSeconds: since! } : {}) },
    };
  },
};

function cacheOutcome(
  kind: string,
  hit: number,
  read: number,
  warn: number,
  fail: number,
  minBlocks: number,
): CheckOutcome {
  const total = hit + read;
  if (total > 0 && total < minBlocks) {
    return {
      status: "pass",
      value: `${pct((hit / total) * 100, 2)} of ${total} blocks`,
      threshold: `warn below ${warn} %, fail below ${fail} %, judged from ${minBlocks} blocks`,
      message: `Only ${total} ${kind} blocks were accessed since statistics were reset: too few to judge.`,
      action: "",
      metrics: { ratio: (hit / total) * 100, hit, read },
    };
  }
  if (total === 0) {
    return {
      status: "pass",
      value: "no reads yet",
      threshold: `warn below ${warn} %, fail below ${fail} %`,
      message: `No ${kind} blocks have been read since statistics were reset.`,
      action: "",
    };
  }
  const ratio = (hit / total) * 100;
  const status = statusBelow(ratio, warn, fail);
  return {
    status,
    value: pct(ratio, 2),
    threshold: `warn below ${warn} %, fail below ${fail} %`,
    message: `${pct(ratio, 2)} of ${kind} block reads were served from shared buffers (${read} read from disk or OS cache, ${hit} hits).`,
    action:
      status === "pass"
        ? ""
        : "Raise shared_buffers (about 25 % of RAM) or reduce the working set: the hot data does not fit in memory.",
    metrics: { ratio, hit, read },
  };
}

interface CacheRow {
  heap_hit: number;
  heap_read: number;
  idx_hit: number;
  idx_read: number;
}

export const cacheHitTablesCheck: CheckDefinition = {
  id: "cacheHitTables",
  title: "Table cache hit ratio",
  async run({ query, thresholds: t }) {
    const [r] = await query<CacheRow>(cacheHits);
    return cacheOutcome(
      "table",
      r!.heap_hit,
      r!.heap_read,
      t.cacheHitWarnPct,
      t.cacheHitFailPct,
      t.cacheHitMinBlocks,
    );
  },
};

export const cacheHitIndexesCheck: CheckDefinition = {
  id: "cacheHitIndexes",
  title: "Index cache hit ratio",
  async run({ query, thresholds: t }) {
    const [r] = await query<CacheRow>(cacheHits);
    return cacheOutcome(
      "index",
      r!.idx_hit,
      r!.idx_read,
      t.cacheHitWarnPct,
      t.cacheHitFailPct,
      t.cacheHitMinBlocks,
    );
  },
};

/** PgHero's limit: 2^31 minus a safety margin, where the server stops assigning XIDs. */
export const XID_LIMIT = 2_146_483_648;

export const xidWraparoundCheck: CheckDefinition = {
  id: "xidWraparound",
  title: "Transaction ID wraparound",
  async run({ query, thresholds: t, memory, memoryKey, now }) {
    const [tables, [counter]] = await Promise.all([
      query<{ relation: string; age: number }>(xidAges),
      query<{ xmax: number; database_age: number; freeze_max_age: number }>(xidCounter),
    ]);
    const maxAge = Math.max(counter!.database_age, ...tables.map((r) => r.age));
    const remaining = XID_LIMIT - maxAge;
    const before = memory.swap(`xid:${memoryKey}`, counter!.xmax, now.getTime());
    const elapsed = before ? (now.getTime() - before.at) / 1000 : 0;
    const rate = before && elapsed > 0 ? (counter!.xmax - before.value) / elapsed : null;
    const untilFail = remaining - t.xidFailRemaining;
    const forecastSeconds = rate && rate > 0 ? Math.max(0, untilFail / rate) : null;
    const status = remaining <= t.xidFailRemaining ? "fail" : maxAge >= t.xidWarnAge ? "warn" : "pass";
    const forecast =
      rate === null
        ? "The burn rate shows from the next report on."
        : rate <= 0
          ? "No transaction IDs were used since the last report."
          : `At ${rate.toFixed(1)} XIDs/s the limit of ${t.xidFailRemaining} remaining is reached in ${seconds(forecastSeconds!)}.`;
    return {
      status,
      value: `oldest age ${maxAge} (${pct((maxAge / XID_LIMIT) * 100)} of the limit)`,
      threshold: `warn at age ${t.xidWarnAge}, fail with fewer than ${t.xidFailRemaining} left`,
      message: `${remaining} transaction IDs remain before wraparound protection stops writes. ${forecast}`,
      action:
        status === "pass"
          ? ""
          : `VACUUM (FREEZE) the oldest tables (${tables
              .slice(0, 3)
              .map((r) => r.relation)
              .join(
                ", ",
              )}); look for long transactions or abandoned replication slots holding back the horizon.`,
      details: details(
        ["table", "age", "% of limit"],
        tables.map((r) => [r.relation, r.age, Number(((r.age / XID_LIMIT) * 100).toFixed(2))]),
      ),
      metrics: {
        maxAge,
        remaining,
        freezeMaxAge: counter!.freeze_max_age,
        ...(rate !== null ? { xidPerSecond: rate } : {}),
        ...(forecastSeconds !== null ? { forecastSeconds } : {}),
      },
    };
  },
};

interface DeadRow {
  schemaname: string;
  relname: string;
  live: number;
  dead: number;
  last_vacuum: Date | null;
  last_analyze: Date | null;
  autovacuum_on: boolean;
  trigger_point: number;
}

export const deadTuplesCheck: CheckDefinition = {
  id: "deadTuples",
  title: "Dead tuples and autovacuum",
  async run({ query }) {
    const rows = await query<DeadRow>(deadTuples);
    const overdue = rows.filter((r) => r.dead > r.trigger_point);
    const off = overdue.filter((r) => !r.autovacuum_on);
    const name = (r: DeadRow) => `${r.schemaname}.${r.relname}`;
    const vacuum = (r: DeadRow) => sql`VACUUM (ANALYZE) ${quoteQualified(r.schemaname, r.relname)};`;
    const reenable = (r: DeadRow) =>
      sql`ALTER TABLE ${quoteQualified(r.schemaname, r.relname)} RESET (autovacuum_enabled);`;
    return {
      status: overdue.length ? "warn" : "pass",
      value: overdue.length
        ? `${overdue.length} tables past their trigger point`
        : "no table past its trigger point",
      threshold: "each table's own autovacuum trigger: threshold + scale_factor × rows",
      message: overdue.length
        ? `${overdue.length} tables have more dead tuples than their autovacuum trigger point` +
          (off.length
            ? `; autovacuum is off for ${off.map(name).join(", ")}.`
            : "; autovacuum has not caught up with them.")
        : rows.length
          ? `${rows.length} tables have dead tuples, all below their autovacuum trigger point.`
          : "No table has dead tuples.",
      action: overdue.length
        ? vacuum(overdue[0]!) +
          (off.length
            ? ` and re-enable it: ${reenable(off[0]!)}`
            : " Consider a lower autovacuum_vacuum_scale_factor for busy tables.")
        : "",
      details: details(
        ["table", "dead", "live", "trigger point", "overdue", "autovacuum", "last vacuum", "last analyze"],
        rows.map((r) => [
          name(r),
          r.dead,
          r.live,
          Math.round(r.trigger_point),
          r.dead > r.trigger_point,
          r.autovacuum_on,
          iso(r.last_vacuum),
          iso(r.last_analyze),
        ]),
      ),
      metrics: { tablesWithDead: rows.length, overdue: overdue.length, autovacuumOff: off.length },
    };
  },
};
