import { describe, expect, it } from "vitest";
import { asUserArgv, remoteCommand, shellQuote } from "../../../src/main/db/host-command";
import {
  backrestArgs,
  backrestErrors,
  backrestFailure,
  hideKeyIds,
} from "../../../src/main/db/pgbackrest.cli";
import { parseBackRestInfo } from "../../../src/main/db/pgbackrest.info";
import { progressOf } from "../../../src/main/features/pitr/backup.job";
import { listeningPorts } from "../../../src/main/features/pitr/copy-port";
import { archiveErrorIn } from "../../../src/main/features/pitr/archiving.reader";
import { restoreOptions } from "../../../src/main/features/pitr/restore.plan";

// the shape pgbackrest 2.45 printed on this machine (two repositories, full + diff)
const INFO = `[{"archive":[{"database":{"id":1,"repo-key":1},"id":"15-1","max":"000000010000000000000009","min":"000000010000000000000001"}],"backup":[{"archive":{"start":"000000010000000000000002","stop":"000000010000000000000002"},"backrest":{"format":5,"version":"2.45"},"database":{"id":1,"repo-key":1},"error":false,"info":{"delta":23254653,"repository":{"delta":2830734,"size":2830734},"size":23254653},"label":"20261207-154002F","lsn":{"start":"0/2000028","stop":"0/2000100"},"prior":null,"reference":null,"timestamp":{"start":1796658002,"stop":1796658005},"type":"full"},{"archive":{"start":"000000010000000000000006","stop":"000000010000000000000006"},"backrest":{"format":5,"version":"2.45"},"database":{"id":1,"repo-key":2},"error":true,"info":{"delta":704777,"repository":{"delta":48764,"size":2831413},"size":23254652},"label":"20261207-154002F_20261207-154012D","lsn":{"start":"0/6000028","stop":"0/6000100"},"prior":"20261207-154002F","reference":["20261207-154002F"],"timestamp":{"start":1796658012,"stop":1796658013},"type":"diff"}],"cipher":"none","db":[{"id":1,"repo-key":1,"system-id":7716587355546957046,"version":"15"}],"name":"main","repo":[{"cipher":"none","key":1,"status":{"code":0,"message":"ok"}},{"cipher":"none","key":2,"status":{"code":99,"message":"[HostConnectError] unable to connect"}}],"status":{"code":0,"lock":{"backup":{"held":true}},"message":"ok"}}]`;

describe("pgBackRest adapter", () => {
  it("reads info's JSON: sets per repository, chain, sizes, errors, locks and WAL range", () => {
    const [s] = parseBackRestInfo(INFO);
    expect(s!.name).toBe("main");
    expect(s!.backupRunning).toBe(true);
    expect(s!.pgVersion).toBe("15");
    expect(s!.repos).toEqual([
      {
        repo: 1,
        code: 0,
        message: "ok",
        cipher: "none",
        walMin: "000000010000000000000001",
        walMax: "000000010000000000000009",
      },
      {
        repo: 2,
        code: 99,
        message: "[HostConnectError] unable to connect",
        cipher: "none",
        walMin: null,
        walMax: null,
      },
    ]);
    expect(s!.backups[0]).toMatchObject({
      label: "20261207-154002F",
      type: "full",
      repo: 1,
      stoppedAt: new Date(1796658005 * 1000).toISOString(),
      databaseBytes: 23254653,
      repoBytes: 2830734,
      references: [],
      checksumErrors: false,
    });
    expect(s!.backups[1]).toMatchObject({ repo: 2, prior: "20261207-154002F", checksumErrors: true });
  });

  it("refuses output that is not the JSON it knows, saying so", () => {
    expect(() => parseBackRestInfo("ERROR: [055]: unable to load info file")).toThrow(/did not print JSON/);
    expect(() => parseBackRestInfo('[{"name":1}]')).toThrow(/unexpected shape/);
  });

  it("always passes --config and --stanza, and only options", () => {
    expect(backrestArgs({ configPath: "/etc/x.conf", stanza: "main" }, "info", ["--output=json"])).toEqual([
      "--config=/etc/x.conf",
      "--stanza=main",
      "--output=json",
      "info",
    ]);
    expect(() => backrestArgs({ configPath: "/c", stanza: "s" }, "info", ["; rm -rf /"])).toThrow(
      /not a pgBackRest option/,
    );
  });

  it("quotes pgBackRest's own error and names the lock", () => {
    const out =
      "2026-12-07 10:00:00.000 P00  ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup.lock'";
    expect(backrestErrors(out)).toEqual([
      "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/main-backup.lock'",
    ]);
    const e = backrestFailure("backup", { code: 50, signal: null, stdout: "", stderr: out, timedOut: false });
    expect(e.message).toContain(
      "pgbackrest backup failed (exit code 50): ERROR: [050]: unable to acquire lock",
    );
    expect(e.extra.detail).toContain("holds the lock");
    expect(
      backrestFailure("info", { code: null, signal: "SIGTERM", stdout: "", stderr: "", timedOut: true }, 5000)
        .message,
    ).toBe("pgbackrest info did not finish within 5 s and was stopped.");
  });

  it("keeps an error's cause, S3's code and the hints, not the request dump, and hides the key id", () => {
    const out = [
      "ERROR: [039]: unable to load info file '/repo2/archive/main/archive.info':",
      "       ProtocolError: HTTP request failed with 403 (Forbidden):",
      "       *** Path/Query ***:",
      "       GET /b/repo2/archive/main/archive.info",
      "       *** Request Headers ***:",
      "       authorization: <redacted>",
      "       *** Response Content ***:",
      '       <?xml version="1.0" encoding="UTF-8"?>',
      "       <Error><Code>InvalidAccessKeyId</Code><Message>No such key.</Message><AWSAccessKeyId>AKIA1</AWSAccessKeyId></Error>",
      "       HINT: has a stanza-create been performed?",
      "WARN: unrelated",
      "       not part of the error",
    ].join("\n");
    expect(backrestErrors(out)).toEqual([
      "ERROR: [039]: unable to load info file '/repo2/archive/main/archive.info': ProtocolError: HTTP request failed with 403 (Forbidden): InvalidAccessKeyId: No such key. HINT: has a stanza-create been performed?",
    ]);
    expect(hideKeyIds(out)).not.toContain("AKIA1");
  });

  it("reads progress from detail lines", () => {
    expect(progressOf("P01 DETAIL: backup file /d/base/1/1259 (16KB, 45.23%) checksum abc")).toBe(45.23);
    expect(progressOf("P01 DETAIL: restore file /d/base/5/1 (8MB, 100%) checksum abc")).toBe(100);
    expect(progressOf("P00   INFO: backup start archive = 0000000100000000000002")).toBeNull();
  });

  it("finds the archive command's words in a server log, pgBackRest's first", () => {
    const log = [
      "2026-12-07 10:00:00 UTC [1] LOG:  archive command failed with exit code 104",
      "2026-12-07 10:00:00 UTC [1] DETAIL:  The failed archive command was: pgbackrest ... archive-push pg_wal/000000010000000000000002",
      "ERROR: [104]: archive-push command encountered error(s):",
      "       repo1: [FileOpenError] unable to open file '/r/archive/x' for write: [13] Permission denied",
      "2026-12-07 10:00:01 UTC [1] LOG:  archive command failed with exit code 104",
    ].join("\n");
    expect(archiveErrorIn(log)).toBe(
      "ERROR: [104]: archive-push command encountered error(s): repo1: [FileOpenError] unable to open file '/r/archive/x' for write: [13] Permission denied",
    );
    expect(archiveErrorIn(log.split("\n").slice(0, 2).join("\n"))).toBe(
      "archive command failed with exit code 104 The failed archive command was: pgbackrest ... archive-push pg_wal/000000010000000000000002",
    );
    expect(archiveErrorIn("LOG: checkpoint complete")).toBeUndefined();
  });
});

describe("commands on a host", () => {
  it("runs as the data directory's owner: directly, by runuser as root, by sudo -n otherwise", () => {
    expect(asUserArgv("postgres", "postgres", "pgbackrest", ["info"])).toEqual(["pgbackrest", "info"]);
    expect(asUserArgv("root", "postgres", "pgbackrest", ["info"])).toEqual([
      "runuser",
      "-u",
      "postgres",
      "--",
      "pgbackrest",
      "info",
    ]);
    expect(asUserArgv("alice", "postgres", "pgbackrest", ["info"], ["PGBACKREST_REPO2_S3_KEY"])).toEqual([
      "sudo",
      "-n",
      "-u",
      "postgres",
      "--preserve-env=PGBACKREST_REPO2_S3_KEY",
      "--",
      "pgbackrest",
      "info",
    ]);
  });

  it("quotes every word for the remote shell and keeps secrets out of the command line", () => {
    expect(shellQuote("--config=/etc/pgbackrest.conf")).toBe("--config=/etc/pgbackrest.conf");
    expect(shellQuote("it's; $(reboot)")).toBe(`'it'\\''s; $(reboot)'`);
    const r = remoteCommand("root", {
      file: "pgbackrest",
      args: ["--stanza=main", "info"],
      asUser: "postgres",
      env: { PGBACKREST_REPO2_S3_KEY_SECRET: "s3cr3t" },
    });
    expect(r.command).not.toContain("s3cr3t");
    expect(r.command.startsWith("runuser -u postgres -- sh -c ")).toBe(true);
    expect(r.command.endsWith("pgdesk-env pgbackrest --stanza=main info")).toBe(true);
    expect(r.stdin).toBe("PGBACKREST_REPO2_S3_KEY_SECRET=s3cr3t\n\n");
    expect(() =>
      remoteCommand("root", { file: "x", args: [], asUser: "postgres", env: { "BAD NAME": "v" } }),
    ).toThrow();
  });

  it("finds ports in use from ss", () => {
    const out = "LISTEN 0 244 127.0.0.1:5432 0.0.0.0:*\nLISTEN 0 128 [::]:22 [::]:*\n";
    expect([...listeningPorts(out)]).toEqual([5432, 22]);
  });
});

describe("restore options", () => {
  const plan = { repo: 2, set: "F1_I", notes: [], copyName: "c", major: "15" };
  it("restores into the new directory, never archiving, with the target and the chosen set", () => {
    expect(
      restoreOptions(
        { ...plan, target: { kind: "time", time: "2026-12-07 14:04:00+00" } },
        "/r/c/data",
        "/r/c/ts",
      ),
    ).toEqual([
      "--pg1-path=/r/c/data",
      "--tablespace-map-all=/r/c/ts",
      "--archive-mode=off",
      "--repo=2",
      "--set=F1_I",
      "--type=time",
      "--target=2026-12-07 14:04:00+00",
      "--target-action=promote",
      "--log-level-console=detail",
    ]);
    expect(restoreOptions({ ...plan, set: undefined, target: { kind: "latest" } }, "/d", "/t")).toContain(
      "--type=default",
    );
  });
});
