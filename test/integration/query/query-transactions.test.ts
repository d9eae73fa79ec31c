import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { runSql } from "./run-helpers";

describe.each<Major>([15, 18])("an editor tab's transaction on PostgreSQL %i", (major) => {
  let app: TestApp;
  let db: FreshDatabase;
  let sessionId: string;
  const rows = async () =>
    (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM items")).rows[0]!.n;

  beforeAll(async () => {
    db = await freshDatabase(major, "qtx");
    await db.pool.query("CREATE TABLE items (id int PRIMARY KEY)");
    app = await createTestApp();
    const profileId = (await app.call("profiles:save", { draft: { name: "tx", ...db.connection } })).id;
    const session = await app.call("query:openSession", { profileId });
    expect(session).toMatchObject({ database: db.name, transactionState: "idle", transactionAgeMs: null });
    sessionId = session.sessionId;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("opens a transaction before the first statement in manual mode; Rollback leaves the table unchanged", async () => {
    const first = await runSql(app, sessionId, "INSERT INTO items VALUES (1)", { autocommit: false });
    expect(first.summary).toMatchObject({ transactionState: "in-transaction", transactionBegun: true });
    expect(first.summary.transactionAgeMs).toBeGreaterThanOrEqual(0);
    const second = await runSql(app, sessionId, "INSERT INTO items VALUES (2)", { autocommit: false });
    // the same transaction goes on: no second BEGIN
    expect(second.summary).toMatchObject({ transactionState: "in-transaction", transactionBegun: false });
    expect(await rows()).toBe(0); // other sessions see nothing yet
    const end = await app.call("query:endTransaction", { sessionId, action: "rollback" });
    expect(end).toMatchObject({
      outcome: "rolled-back",
      session: { transactionState: "idle", transactionAgeMs: null },
    });
    expect(await rows()).toBe(0);
  });

  it("commits with Commit", async () => {
    await runSql(app, sessionId, "INSERT INTO items VALUES (3)", { autocommit: false });
    const end = await app.call("query:endTransaction", { sessionId, action: "commit" });
    expect(end.outcome).toBe("committed");
    expect(await rows()).toBe(1);
  });

  it("reports a failed transaction from the server's status and says Commit rolled it back", async () => {
    const failed = await runSql(app, sessionId, "INSERT INTO items VALUES (3)", { autocommit: false });
    expect(failed.summary.results[0]!.error?.sqlState).toBe("23505");
    expect(failed.summary.transactionState).toBe("failed");
    const info = await app.call("query:sessionInfo", { sessionId });
    expect(info.transactionState).toBe("failed");
    const end = await app.call("query:endTransaction", { sessionId, action: "commit" });
    expect(end.outcome).toBe("rolled-back");
    expect(end.session.transactionState).toBe("idle");
  });

  it("opens no transaction in auto-commit mode, nor before statements that cannot run in one", async () => {
    const auto = await runSql(app, sessionId, "INSERT INTO items VALUES (4)");
    expect(auto.summary).toMatchObject({ transactionState: "idle", transactionBegun: false });
    const vacuum = await runSql(app, sessionId, "VACUUM items", { autocommit: false });
    expect(vacuum.summary.results[0]!.error).toBeUndefined();
    expect(vacuum.summary.transactionState).toBe("idle");
    const index = await runSql(app, sessionId, "CREATE INDEX CONCURRENTLY items_c ON items (id)", {
      autocommit: false,
    });
    expect(index.summary.results[0]!.error).toBeUndefined();
  });

  it("dates a transaction the user opened with BEGIN, and answers no-transaction when there is none", async () => {
    const begin = await runSql(app, sessionId, "BEGIN");
    expect(begin.summary.transactionAgeMs).not.toBeNull();
    const later = await app.call("query:sessionInfo", { sessionId });
    expect(later.transactionAgeMs!).toBeGreaterThanOrEqual(begin.summary.transactionAgeMs!);
    await runSql(app, sessionId, "COMMIT");
    expect((await app.call("query:sessionInfo", { sessionId })).transactionAgeMs).toBeNull();
    expect((await app.call("query:endTransaction", { sessionId, action: "commit" })).outcome).toBe(
      "no-transaction",
    );
  });
});
