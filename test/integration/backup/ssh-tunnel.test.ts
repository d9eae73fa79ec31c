import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { until } from "../../harness/until";
import { useTestSshd } from "../profiles/sshd-fixture";
import { finished, pgDumpPids, seed, startBackup } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("a backup of a profile reached through an SSH tunnel (real sshd, PostgreSQL 15)", () => {
  const sshd = useTestSshd();
  const env = useAppOnDatabase(15, {
    prefix: "bk_ssh",
    seed: (db) => seed(db.pool, 200),
    profile: false,
    folder: "pgdesk-bk-",
  });

  it("runs pg_dump against the tunnel's local end, keeping the host name for TLS", async () => {
    const { app, db, folder } = env;
    const { id: profileId } = await app.call("profiles:save", {
      draft: {
        name: "via ssh",
        ...db.connection,
        ssh: {
          host: "127.0.0.1",
          port: sshd.port,
          user: sshd.user,
          auth: "key",
          keyFile: sshd.userKey,
          hostKey: sshd.hostFingerprint,
        },
      },
    });
    const preview = await app.call("backup:preview", { profileId, database: db.name, folder });
    expect(preview.env).toMatchObject({
      PGHOSTADDR: "127.0.0.1",
      PGPORT: expect.stringContaining("SSH tunnel"),
    });

    const lock = new pg.Client(db.connection);
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query("LOCK TABLE shop.customer IN ACCESS EXCLUSIVE MODE");
    let jobId: string;
    try {
      ({ jobId } = await startBackup(env, { profileId }));
      const [pid] = await until(async () => {
        const pids = await pgDumpPids(folder);
        return pids.length ? pids : undefined;
      }, "pg_dump to start");
      const environ = (await readFile(`/proc/${pid}/environ`, "utf8")).split("\0");
      expect(environ).toContain("PGHOSTADDR=127.0.0.1");
      expect(environ).toContain(`PGHOST=${db.connection.host}`);
      const port = environ.find((e) => e.startsWith("PGPORT="));
      expect(port).not.toBe(`PGPORT=${db.server.port}`);
    } finally {
      await lock.query("ROLLBACK");
      await lock.end();
    }
    const job = await finished(app, jobId);
    expect(job.error).toBeUndefined();
    expect(job.state).toBe("succeeded");
  });
});
