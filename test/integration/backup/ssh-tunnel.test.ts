import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { startTestSshd, type TestSshd } from "../profiles/sshd-fixture";
import { finished, pgDumpPids, removeFolder, seed, tempFolder, until } from "./support";

describe("a backup of a profile reached through an SSH tunnel (real sshd, PostgreSQL 15)", () => {
  let sshd: TestSshd;
  let app: TestApp;
  let db: FreshDatabase;
  let folder: string;

  beforeAll(async () => {
    sshd = await startTestSshd();
    db = await freshDatabase(15, "bk_ssh");
    await seed(db.pool, 200);
    app = await createTestApp();
    folder = await tempFolder();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await sshd?.dispose();
    await removeFolder(folder);
  });

  it("runs pg_dump against the tunnel's local end, keeping the host name for TLS", async () => {
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
      ({ jobId } = await app.call("backup:start", {
        profileId,
        database: db.name,
        folder,
        format: "custom",
      }));
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
