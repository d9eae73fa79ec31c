import { describe, expect, it } from "vitest";
import { toDumpSelection, relationKey } from "../../../src/shared/backup/object-selection";
import type { DumpableSchema, Job, ManifestEntry, Schedule } from "../../../src/shared/contract/backup";
import {
  backupRequest,
  canBackUp,
  chosenDatabase,
  digitsOnly,
  initialBackupForm,
  isPreviewCurrent,
} from "../../../src/renderer/src/features/backup/backup-form.model";
import {
  isActiveJob,
  jobPercent,
  jobTone,
  verificationLabel,
  verificationOf,
} from "../../../src/renderer/src/features/backup/jobs.model";
import {
  canRestore,
  initialRestoreForm,
  restoreRequest,
} from "../../../src/renderer/src/features/backup/restore-form.model";
import {
  hasRetentionLimit,
  retentionPolicy,
} from "../../../src/renderer/src/features/backup/retention.model";
import {
  failedRuns,
  failureKey,
  initialScheduleForm,
  scheduleCadence,
  scheduleDraft,
} from "../../../src/renderer/src/features/backup/schedules.model";

const schemas: DumpableSchema[] = [
  {
    name: "public",
    objects: [
      { name: "orders", kind: "table", bytes: 10 },
      { name: "users", kind: "table", bytes: 10 },
    ],
  } as DumpableSchema,
];
const whole = toDumpSelection(schemas, new Set());
const target = { profileId: "p1", database: "shop", folder: "/backups", selection: whole };

describe("backup form: what it sends", () => {
  it("sends the whole database with pg_dump's defaults when nothing is changed", () => {
    expect(backupRequest(initialBackupForm, target)).toEqual({
      profileId: "p1",
      database: "shop",
      folder: "/backups",
      format: "custom",
      scope: "full",
      includeSchemas: [],
      excludeSchemas: [],
      includeTables: [],
      excludeTables: [],
      noOwner: false,
      noPrivileges: false,
      testRestore: false,
    });
  });

  it("sends compression except for tar, jobs only for the directory format", () => {
    const form = { ...initialBackupForm, compression: "5", jobs: "4" };
    expect(backupRequest(form, target)).toMatchObject({ compression: 5 });
    expect(backupRequest(form, target)).not.toHaveProperty("jobs");
    expect(backupRequest({ ...form, format: "directory" }, target)).toMatchObject({
      compression: 5,
      jobs: 4,
    });
    expect(backupRequest({ ...form, format: "tar" }, target)).not.toHaveProperty("compression");
    // compression 0 is a choice (no compression), not "empty"
    expect(backupRequest({ ...initialBackupForm, compression: "0" }, target)).toMatchObject({
      compression: 0,
    });
  });

  it("asks for a test restore only of a full (schema and data) dump", () => {
    const form = { ...initialBackupForm, testRestore: true };
    expect(backupRequest(form, target).testRestore).toBe(true);
    expect(backupRequest({ ...form, scope: "schema" }, target).testRestore).toBe(false);
    expect(backupRequest({ ...form, scope: "data" }, target).testRestore).toBe(false);
  });

  it("sends the picker's selection as pg_dump includes and excludes", () => {
    const selection = toDumpSelection(schemas, new Set([relationKey("public", "orders")]));
    const sent = backupRequest(initialBackupForm, { ...target, selection });
    expect(sent.excludeTables).toEqual(selection.excludeTables);
    expect(sent.includeTables).toEqual(selection.includeTables);
    expect(sent.excludeTables!.length + sent.includeTables!.length).toBeGreaterThan(0);
  });
});

describe("backup form: when it is valid", () => {
  it("needs a folder, a database and a selection pg_dump can make", () => {
    expect(canBackUp("/backups", "shop", whole)).toBe(true);
    expect(canBackUp("", "shop", whole)).toBe(false);
    expect(canBackUp("/backups", "", whole)).toBe(false);
    expect(canBackUp("/backups", "shop", { ...whole, blocked: "nothing is ticked" })).toBe(false);
  });

  it("uses the connected database until another is picked", () => {
    expect(chosenDatabase(initialBackupForm, "shop")).toBe("shop");
    expect(chosenDatabase({ ...initialBackupForm, database: "crm" }, "shop")).toBe("crm");
    expect(chosenDatabase(initialBackupForm, undefined)).toBe("");
  });

  it("keeps digits only in number boxes, up to their width", () => {
    expect(digitsOnly("1a2b3", 2)).toBe("12");
    expect(digitsOnly("-9", 1)).toBe("9");
    expect(digitsOnly("30 days")).toBe("30");
  });

  it("shows a previewed command only while the form still asks for the same backup", () => {
    const sent = backupRequest(initialBackupForm, target);
    expect(isPreviewCurrent(sent, backupRequest(initialBackupForm, target))).toBe(true);
    expect(isPreviewCurrent(sent, backupRequest({ ...initialBackupForm, noOwner: true }, target))).toBe(
      false,
    );
    expect(isPreviewCurrent(undefined, sent)).toBe(false);
  });
});

const entry = (over: Partial<ManifestEntry> = {}): ManifestEntry & { present: boolean } =>
  ({
    file: "shop-2024.dump",
    database: "shop",
    format: "custom",
    verification: { listEntries: 10, fullRead: true },
    present: true,
    ...over,
  }) as ManifestEntry & { present: boolean };

describe("restore dialog", () => {
  const from = { profileId: "p1", folder: "/backups", entry: entry() };

  it("restores into a new database named after the backup by default", () => {
    const form = initialRestoreForm(entry());
    expect(form.database).toBe("shop_restored");
    expect(canRestore(form)).toBe(true);
    expect(restoreRequest(form, from)).not.toHaveProperty("confirm");
  });

  it("overwrites an existing database only after its name is typed again", () => {
    const form = { ...initialRestoreForm(entry()), target: "existing" as const, database: "shop" };
    expect(canRestore(form)).toBe(false);
    expect(canRestore({ ...form, confirm: "Shop" })).toBe(false);
    expect(canRestore({ ...form, confirm: "shop" })).toBe(true);
    expect(restoreRequest({ ...form, confirm: "shop" }, from)).toMatchObject({
      target: "existing",
      confirm: "shop",
    });
    expect(canRestore({ ...form, database: "" })).toBe(false);
  });

  it("sends pg_restore's archive options only for archives, and jobs only outside one transaction", () => {
    const form = { ...initialRestoreForm(entry()), clean: true, noOwner: true, jobs: "4" };
    expect(restoreRequest(form, from)).toMatchObject({ clean: true, ifExists: true, noOwner: true, jobs: 4 });
    expect(restoreRequest({ ...form, singleTransaction: true }, from)).not.toHaveProperty("jobs");
    const plain = restoreRequest(form, { ...from, entry: entry({ format: "plain" }) });
    expect(plain).toMatchObject({ clean: false, ifExists: false, noOwner: false });
    expect(plain).not.toHaveProperty("jobs");
  });
});

const schedule = (over: Partial<Schedule>): Schedule =>
  ({
    id: "s1",
    profileId: "p1",
    database: "shop",
    format: "custom",
    scope: "full",
    time: "03:00",
    ...over,
  }) as Schedule;

describe("schedules and retention", () => {
  it("saves the connected database when none is picked, and retention only with days", () => {
    const where = { profileId: "p1", folder: "/backups", connectedDatabase: "shop" };
    expect(scheduleDraft(initialScheduleForm, where)).toEqual({
      profileId: "p1",
      database: "shop",
      folder: "/backups",
      format: "custom",
      scope: "full",
      time: "03:00",
      retention: { newerThanDays: 30 },
    });
    const weekly = scheduleDraft({ ...initialScheduleForm, weekday: "0", keepDays: "" }, where);
    expect(weekly).toMatchObject({ weekday: 0 });
    expect(weekly).not.toHaveProperty("retention");
    expect(scheduleCadence({ weekday: undefined })).toBe("daily");
    expect(scheduleCadence({ weekday: 1 })).toBe("every Monday");
  });

  it("reports each failed run until dismissed; a later failed run is reported again", () => {
    const failed = schedule({
      lastRunAt: "2024-01-01T03:00:00Z",
      lastResult: { state: "failed" } as Schedule["lastResult"],
    });
    const ok = schedule({
      id: "s2",
      lastRunAt: "2024-01-01T03:00:00Z",
      lastResult: { state: "succeeded" } as Schedule["lastResult"],
    });
    const never = schedule({ id: "s3" });
    expect(failedRuns([failed, ok, never], new Set())).toEqual([failed]);
    expect(failedRuns([failed], new Set([failureKey(failed)]))).toEqual([]);
    const again = { ...failed, lastRunAt: "2024-01-02T03:00:00Z" };
    expect(failedRuns([again], new Set([failureKey(failed)]))).toEqual([again]);
  });

  it("turns the retention boxes into a policy with at least one limit", () => {
    expect(retentionPolicy("", "30")).toEqual({ newerThanDays: 30 });
    expect(retentionPolicy("3", "")).toEqual({ keepLast: 3 });
    expect(retentionPolicy("3", "30")).toEqual({ keepLast: 3, newerThanDays: 30 });
    expect(hasRetentionLimit("", "")).toBe(false);
    expect(hasRetentionLimit("", "7")).toBe(true);
  });
});

const job = (state: Job["state"], done = 1, total = 4): Job =>
  ({ state, progress: { tablesDone: done, tablesTotal: total } }) as Job;

describe("jobs and the backup list", () => {
  it("counts progress in tables; a succeeded job is complete, an empty one at zero", () => {
    expect(jobPercent(job("running"))).toBe(25);
    expect(jobPercent(job("running", 0, 0))).toBe(0);
    expect(jobPercent(job("succeeded", 1, 4))).toBe(100);
    expect([isActiveJob(job("queued")), isActiveJob(job("verifying")), isActiveJob(job("failed"))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(jobTone(job("verifying"))).toBe("running");
    expect(jobTone(job("cancelled"))).toBe("cancelled");
  });

  it("calls a backup verified only after a full read and a clean test restore", () => {
    const t = (iso: string) => iso;
    expect(verificationLabel(entry(), t)).toBe(`verified at ${entry().createdAt}`);
    expect(verificationLabel(entry({ present: false } as Partial<ManifestEntry>), t)).toBe("missing");
    expect(
      verificationLabel(
        entry({
          verification: { listEntries: 1, fullRead: true, testRestore: { tables: 2, mismatches: [] } },
        }),
        t,
      ),
    ).toBe(`verified at ${entry().createdAt} + test restore`);
    expect(
      verificationLabel(
        entry({
          verification: {
            listEntries: 1,
            fullRead: true,
            testRestore: { tables: 2, mismatches: ["orders"] },
          },
        }),
        t,
      ),
    ).toBe("unverified");
    expect(verificationLabel(entry({ verification: { listEntries: 1, fullRead: false } }), t)).toBe(
      "unverified",
    );
  });

  it("follows the last re-check: a failed one wins over the run's own checks, with the reason", () => {
    const t = (iso: string) => iso;
    const failed = entry({
      verification: {
        listEntries: 1,
        fullRead: true,
        lastCheck: { at: "2026-02-01T10:00:00.000Z", ok: false, problems: ["SHA-256 differs"] },
      },
    });
    expect(verificationOf(failed)).toEqual({
      state: "failed",
      at: "2026-02-01T10:00:00.000Z",
      reason: "SHA-256 differs",
    });
    expect(verificationLabel(failed, t)).toBe("failed at 2026-02-01T10:00:00.000Z: SHA-256 differs");
    const again = entry({
      verification: {
        listEntries: 1,
        fullRead: false,
        lastCheck: { at: "2026-02-02T10:00:00.000Z", ok: true, problems: [] },
      },
    });
    expect(verificationLabel(again, t)).toBe("verified at 2026-02-02T10:00:00.000Z");
  });
});
