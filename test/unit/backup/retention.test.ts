import { describe, expect, it } from "vitest";
import type { ManifestEntry } from "../../../src/shared/contract/backup";
import { planRetention } from "../../../src/main/features/backup/retention";

const now = Date.parse("2026-03-31T12:00:00Z");
const entry = (database: string, daysAgo: number): ManifestEntry => ({
  file: `${database}-${daysAgo}.dump`,
  database,
  size: 100,
  sha256: "0".repeat(64),
  format: "custom",
  options: {
    scope: "full",
    includeSchemas: [],
    excludeSchemas: [],
    includeTables: [],
    excludeTables: [],
    noOwner: false,
    noPrivileges: false,
  },
  serverVersion: "15.18",
  pgDumpVersion: "15.20",
  durationMs: 1,
  createdAt: new Date(now - daysAgo * 86_400_000).toISOString(),
  verification: { listEntries: 1, fullRead: true },
});

const entries = [entry("shop", 1), entry("shop", 10), entry("shop", 40), entry("shop", 45), entry("crm", 50)];

describe("retention", () => {
  it("keeps the newest N per database", () => {
    const plan = planRetention(entries, { keepLast: 2 }, now);
    expect(plan.remove.map((r) => r.file)).toEqual(["shop-40.dump", "shop-45.dump"]);
    expect(plan.keep).toContain("crm-50.dump");
  });

  it("keeps those newer than 30 days (section 15's default)", () => {
    expect(planRetention(entries, { newerThanDays: 30 }, now).remove.map((r) => r.file)).toEqual([
      "shop-40.dump",
      "shop-45.dump",
      "crm-50.dump",
    ]);
  });

  it("keeps a backup that either rule keeps, and can look at one database only", () => {
    expect(planRetention(entries, { keepLast: 1, newerThanDays: 30 }, now).remove.map((r) => r.file)).toEqual(
      ["shop-40.dump", "shop-45.dump"],
    );
    expect(planRetention(entries, { keepLast: 1 }, now, "crm").remove).toEqual([]);
  });
});
