import { describe, expect, it } from "vitest";
import { BackupRequest } from "../../../src/shared/contract/backup";
import { dbnameConninfo } from "../../../src/main/features/backup/child-env";
import { backupFileName, displayCommand, dumpArgs } from "../../../src/main/features/backup/dump-args";
import { DumpProgress, tableFromVerboseLine } from "../../../src/main/features/backup/dump-progress";

const req = (extra: object) => BackupRequest.parse({ profileId: "p", database: "d", folder: "/b", ...extra });

describe("pg_dump arguments", () => {
  it("puts every value in its own --option=value element and never the database", () => {
    const args = dumpArgs(
      req({
        format: "directory",
        jobs: 4,
        compression: 3,
        scope: "data",
        noOwner: true,
        includeSchemas: ["s*"],
        excludeTables: [{ schema: "a.b", name: 'we"ird -t x' }],
      }),
      "/b/x.partial",
    );
    expect(args).toEqual([
      "--format=d",
      "--file=/b/x.partial",
      "--verbose",
      "--compress=3",
      "--jobs=4",
      "--data-only",
      '--schema="s*"',
      '--exclude-table="a.b"."we""ird -t x"',
      "--strict-names",
      "--no-owner",
    ]);
    expect(args).not.toContain("d");
  });

  it("names files after the database without letting the name escape the folder", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    expect(backupFileName("shop", "custom", "full", at)).toBe("shop_20260102-030405Z.dump");
    expect(backupFileName("--file=/etc/passwd", "plain", "schema", at)).toBe(
      "file_etc_passwd_20260102-030405Z_schema.sql",
    );
    expect(backupFileName("../..", "directory", "full", at)).toBe("database_20260102-030405Z.dir");
  });

  it("quotes a database name as a conninfo value", () => {
    expect(dbnameConninfo(`host=x dbname='y' \\`)).toBe(`dbname='host=x dbname=\\'y\\' \\\\'`);
  });

  it("shows a command a person can paste", () => {
    expect(displayCommand("/usr/bin/pg_dump", ["--file=/a b/c", '--table="x"."y"'])).toBe(
      `/usr/bin/pg_dump '--file=/a b/c' '--table="x"."y"'`,
    );
  });
});

describe("dump progress", () => {
  it("reads pg_dump 15's verbose lines", () => {
    expect(tableFromVerboseLine('pg_dump: dumping contents of table "public.Mixed Case"')).toBe(
      "public.Mixed Case",
    );
    expect(tableFromVerboseLine("pg_dump: reading extensions")).toBeUndefined();
  });

  it("counts tables and estimates the rest from their sizes", () => {
    const p = new DumpProgress(
      [
        { key: "s.small", weight: 1e4 },
        { key: "s.big", weight: 3e4 },
      ],
      0,
    );
    expect(p.tablesTotal).toBe(2);
    expect(p.onLine('pg_dump: dumping contents of table "s.small"')).toBe(true);
    expect(p.tablesDone).toBe(1);
    expect(p.etaMs(1000)).toBe(3000);
  });
});
