import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { useHealthFixture } from "./health-fixture";

describe.each<Major>([15, 18])("a partial report instead of a failure, PostgreSQL %i", (major) => {
  const f = useHealthFixture(major, { prefix: "hfault" });

  it("says which check lacks a privilege and how to grant it, while the rest still run", async () => {
    const role = `lim_${f.db.name}`;
    const view = major >= 17 ? "pg_stat_checkpointer" : "pg_stat_bgwriter";
    await f.db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited-pw'`);
    try {
      await f.db.pool.query(`REVOKE SELECT ON pg_catalog.${view} FROM PUBLIC`);
      const limited = await f.app.call("profiles:save", {
        draft: { name: "limited", ...f.db.connection, user: role, password: "limited-pw" },
      });
      const report = await f.app.call("health:report", { profileId: limited.id });
      const cp = report.checks.find((c) => c.id === "checkpoints")!;
      expect(cp.status).toBe("error");
      expect(cp.message).toMatch(new RegExp(`permission denied for view ${view}.*42501`));
      expect(cp.action).toContain("GRANT pg_monitor");
      expect(report.errorCount).toBeGreaterThanOrEqual(1);
      expect(report.checks.find((c) => c.id === "invalidIndexes")!.status).toBe("pass");
      expect(report.checks.find((c) => c.id === "connectivity")!.status).not.toBe("error");
      await f.app.call("profiles:delete", { id: limited.id });
    } finally {
      await f.db.pool.query(`GRANT SELECT ON pg_catalog.${view} TO PUBLIC`);
      await f.db.pool.query(`DROP ROLE ${role}`);
    }
  });

  it("gives up on a check that waits past the statement timeout, and only that one", async () => {
    const holder = await f.client();
    await holder.query("CREATE SEQUENCE locked_seq; SELECT nextval('locked_seq')");
    // ALTER SEQUENCE holds an exclusive lock until commit; reading last_value must wait for it
    await holder.query("BEGIN; ALTER SEQUENCE locked_seq RESTART WITH 5");
    await f.thresholds({ statementTimeoutMs: 300 });
    try {
      const report = await f.report();
      const seq = report.checks.find((c) => c.id === "sequences")!;
      expect(seq.status).toBe("error");
      expect(seq.message).toMatch(/canceling statement due to statement timeout.*57014/);
      expect(seq.action).toMatch(/statement timeout \(300 ms\)/);
      expect(report.checks.filter((c) => c.status === "error").map((c) => c.id)).toEqual(
        expect.not.arrayContaining(["connections", "deadTuples", "xidWraparound"]),
      );
    } finally {
      await holder.query("ROLLBACK");
      await f.thresholds({ statementTimeoutMs: 5000 });
    }
    expect((await f.check("sequences")).status).toBe("pass");
  });

  it("reports an unreachable server as unhealthy with every other check skipped", async () => {
    const gone = await f.app.call("profiles:save", { draft: { name: "gone", ...f.db.connection, port: 1 } });
    const report = await f.app.call("health:report", { profileId: gone.id });
    expect(report.status).toBe("unhealthy");
    expect(report.role).toBe("unknown");
    expect(report.checks[0]).toMatchObject({ id: "connectivity", status: "fail", value: "unreachable" });
    expect(report.checks[0]!.message).toMatch(/ECONNREFUSED/);
    expect(report.checks.slice(1).every((c) => c.status === "error")).toBe(true);
  });
});
