import { describe, expect, it } from "vitest";
import type { FleetRow } from "../../../src/shared/contract/fleet";
import { defaultHealthThresholds } from "../../../src/shared/contract/health";
import {
  compareRows,
  countStates,
  rowSeverity,
  withRow,
  worstFirst,
} from "../../../src/shared/fleet/fleet-order";
import { facets, filterRows } from "../../../src/shared/fleet/fleet-filter";
import { failingChecks } from "../../../src/main/features/fleet/fleet-checks";
import { classifyFailure } from "../../../src/main/features/fleet/probe-state";
import { runBounded } from "../../../src/main/features/fleet/bounded-run";
import { AppError } from "../../../src/shared/contract";

function row(name: string, extra: Partial<FleetRow> = {}): FleetRow {
  const base: FleetRow = {
    profileId: `id-${name}`,
    name,
    kind: "postgres",
    address: `h:5432/${name}`,
    tags: [],
    state: "up",
    severity: "ok",
    failing: [],
    ...extra,
  };
  return { ...base, severity: rowSeverity(base) };
}

describe("worst-first ordering", () => {
  it("puts unreachable before refused before failing checks before fine, then names", () => {
    const rows = [
      row("fine-b"),
      row("warned", { failing: [{ id: "connections", severity: "warn", message: "" }] }),
      row("refused", { state: "auth" }),
      row("fine-a"),
      row("waiting", { state: "pending" }),
      row("gone", { state: "down" }),
      row("slow", { state: "timeout" }),
      row("critical", { failing: [{ id: "xidWraparound", severity: "critical", message: "" }] }),
      row("broken", { state: "error" }),
    ];
    expect(worstFirst(rows).map((r) => r.name)).toEqual([
      "gone",
      "slow",
      "refused",
      "broken",
      "critical",
      "warned",
      "waiting",
      "fine-a",
      "fine-b",
    ]);
  });

  it("orders equally bad rows by more failing checks, then bigger lag, then longer transactions", () => {
    const warn = { id: "x", severity: "warn" as const, message: "" };
    const a = row("a", { failing: [warn], lagSeconds: 5 });
    const b = row("b", { failing: [warn], lagSeconds: 50 });
    const c = row("c", { failing: [warn, warn] });
    const d = row("d", { failing: [warn], lagSeconds: 5, longestTransactionSeconds: 900 });
    expect(worstFirst([a, b, c, d]).map((r) => r.name)).toEqual(["c", "b", "d", "a"]);
    expect(compareRows(a, a)).toBe(0);
  });

  it("replaces a probed row in place of its pending one and counts states", () => {
    const rows = worstFirst([row("a", { state: "pending" }), row("b", { state: "pending" })]);
    const next = withRow(rows, row("b", { state: "down" }));
    expect(next.map((r) => [r.name, r.state])).toEqual([
      ["b", "down"],
      ["a", "pending"],
    ]);
    expect(countStates(next)).toEqual({ pending: 1, up: 0, down: 1, auth: 0, timeout: 0, error: 0 });
  });
});

describe("fleet filter", () => {
  const rows = [
    row("orders-1", { group: "eu", tags: ["billing"], environment: "production", role: "primary" }),
    row("orders-2", { group: "eu", tags: ["billing"], state: "timeout" }),
    row("search", { group: "us", tags: [], failing: [{ id: "x", severity: "warn", message: "" }] }),
    row("loose", { tags: ["billing"] }),
  ];
  it("filters by group (empty = no group), tag or environment, state, problems and words", () => {
    const names = (f: Parameters<typeof filterRows>[1]) => filterRows(rows, f).map((r) => r.name);
    expect(names({ group: "eu" })).toEqual(["orders-1", "orders-2"]);
    expect(names({ group: "" })).toEqual(["loose"]);
    expect(names({ tag: "billing" })).toEqual(["orders-1", "orders-2", "loose"]);
    expect(names({ tag: "production" })).toEqual(["orders-1"]);
    expect(names({ state: "timeout" })).toEqual(["orders-2"]);
    expect(names({ state: "problem" })).toEqual(["orders-2", "search"]);
    expect(names({ text: "ORDERS primary" })).toEqual(["orders-1"]);
    expect(names({ group: "eu", tag: "billing", state: "up" })).toEqual(["orders-1"]);
  });
  it("offers each group and tag with its count", () => {
    expect(facets(rows)).toEqual({
      groups: [
        ["", 1],
        ["eu", 2],
        ["us", 1],
      ],
      tags: [
        ["billing", 3],
        ["production", 1],
      ],
    });
  });
});

describe("fleet checks from one probe", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const t = defaultHealthThresholds;
  const ids = (facts: Parameters<typeof failingChecks>[0]) =>
    failingChecks(facts, t, { backupMaxAgeHours: 26, now }).map((f) => `${f.id}:${f.severity}`);

  it("judges connections, transactions, XID age, lag, slots and backups with the dashboard thresholds", () => {
    expect(ids({ connections: { used: 50, max: 100 } })).toEqual([]);
    expect(ids({ connections: { used: 75, max: 100 } })).toEqual(["connections:warn"]);
    expect(ids({ connections: { used: 95, max: 100 } })).toEqual(["connections:critical"]);
    expect(ids({ longestTransactionSeconds: 30 })).toEqual([]);
    expect(ids({ longestTransactionSeconds: 120 })).toEqual(["longTransaction:warn"]);
    expect(ids({ longestTransactionSeconds: 4000 })).toEqual(["longTransaction:critical"]);
    expect(ids({ xidAge: 200_000_000 })).toEqual([]);
    expect(ids({ xidAge: 1_200_000_000 })).toEqual(["xidWraparound:warn"]);
    expect(ids({ xidAge: 2_140_000_000 })).toEqual(["xidWraparound:critical"]);
    expect(ids({ lagSeconds: 20, inRecovery: true })).toEqual(["replication:warn"]);
    expect(ids({ lagSeconds: 120, inRecovery: true })).toEqual(["replication:critical"]);
    expect(ids({ lagSeconds: 0, lagBytes: 32 * 1024 ** 2 })).toEqual(["replication:warn"]);
    expect(ids({ inactiveSlots: 2 })).toEqual(["replicationSlots:warn"]);
    expect(ids({ lastBackupAt: null })).toEqual([]);
    expect(ids({ lastBackupAt: "2026-05-01T00:00:00Z" })).toEqual([]);
    expect(ids({ lastBackupAt: "2026-04-30T00:00:00Z" })).toEqual(["backupAge:warn"]);
    expect(ids({ lastBackupAt: "2026-04-20T00:00:00Z" })).toEqual(["backupAge:critical"]);
    expect(ids({ clientsWaiting: 3 })).toEqual(["poolSaturation:warn"]);
  });

  it("says what it saw in words", () => {
    const [c] = failingChecks({ longestTransactionSeconds: 7200 }, t, { backupMaxAgeHours: 26, now });
    expect(c!.message).toBe("a transaction has been open for 2 h");
  });
});

describe("probe state classification", () => {
  it("tells refused logins, timeouts, unreachable servers and other errors apart", () => {
    const pgErr = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(classifyFailure(pgErr("28P01", 'password authentication failed for user "x"'), 5000).state).toBe(
      "auth",
    );
    expect(classifyFailure(pgErr("28000", 'no pg_hba.conf entry for host "1.2.3.4"'), 5000).state).toBe(
      "auth",
    );
    expect(
      classifyFailure(new AppError("CONNECTION", "password: none", { field: "password" }), 5000).state,
    ).toBe("auth");
    const t = classifyFailure(new Error("Connection terminated due to connection timeout"), 3000);
    expect(t).toEqual({
      state: "timeout",
      reason: "no answer within 3 s: Connection terminated due to connection timeout",
    });
    expect(classifyFailure(pgErr("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), 5000)).toEqual({
      state: "down",
      reason: "connect ECONNREFUSED 127.0.0.1:1",
    });
    expect(classifyFailure(pgErr("57P03", "the database system is starting up"), 5000).state).toBe("down");
    expect(classifyFailure(pgErr("42501", "permission denied for table x"), 5000)).toEqual({
      state: "error",
      reason: "permission denied for table x (42501)",
    });
  });
});

describe("bounded run", () => {
  it("never runs more than the limit at once and frees a slot only when its work settles", async () => {
    let running = 0;
    let seen = 0;
    const order: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const items = ["slow", "a", "b", "c", "d", "e", "f", "g"];
    const run = runBounded(items, 3, async (item) => {
      running++;
      seen = Math.max(seen, running);
      if (item === "slow") await gate;
      else await new Promise((r) => setImmediate(r));
      order.push(item);
      running--;
    });
    // the slow item holds its slot; the other two lanes take every other item
    while (order.length < 7) await new Promise((r) => setImmediate(r));
    expect(running).toBe(1);
    openGate();
    const { peak } = await run;
    expect(peak).toBe(3);
    expect(seen).toBe(3);
    expect(order).toEqual(["a", "b", "c", "d", "e", "f", "g", "slow"]);
  });
  it("refuses a limit below one and copes with fewer items than slots", async () => {
    await expect(runBounded([1], 0, async () => undefined)).rejects.toThrow(/positive integer/);
    expect((await runBounded([1, 2], 16, async () => undefined)).peak).toBe(2);
    expect((await runBounded([], 16, async () => undefined)).peak).toBe(0);
  });
});
