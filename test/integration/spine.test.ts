import { describe, expect, it } from "vitest";
import type { Major } from "../harness/database";
import { useAppOnDatabase } from "../harness/app-on-database";

describe.each<Major>([15, 18])("the spine against PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "spine", profile: false });

  it("saves a profile, tests it and opens its server overview through the registry", async () => {
    const { app, db } = env;
    const draft = { name: `PG ${major}`, ...db.connection, port: db.server.port };
    const tested = await app.call("profiles:test", { draft });
    expect(tested.serverVersionNum).toBeGreaterThanOrEqual(major * 10000);
    expect(tested.serverVersionNum).toBeLessThan((major + 1) * 10000);
    expect(tested.latencyMs).toBeGreaterThan(0);

    const saved = await app.call("profiles:save", { draft });
    expect(saved.hasPassword).toBe(true);
    expect(JSON.stringify(saved)).not.toContain(db.connection.password);

    const overview = await app.call("server:overview", { profileId: saved.id });
    expect(overview.versionNum).toBe(tested.serverVersionNum);
    expect(overview.currentDatabase).toBe(db.name);
    expect(overview.currentDatabaseSizeBytes).toBeGreaterThan(0);
    expect(overview.uptimeSeconds).toBeGreaterThan(0);
    const mine = overview.databases.find((d) => d.name === db.name);
    expect(mine?.connections).toBeGreaterThanOrEqual(1);
    expect(overview.databases.map((d) => d.name)).toContain("postgres");
  });

  it("shows a wrong password as the server's own message", async () => {
    const { app, db } = env;
    const result = await app.raw("profiles:test", {
      draft: { name: "bad", ...db.connection, password: "not-the-password" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("CONNECTION");
    expect(result.error.sqlState).toBe("28P01");
    expect(result.error.message).toMatch(/password authentication failed for user "postgres"/);
    expect(result.error).not.toHaveProperty("stack");
  });

  it("shows an unknown database as the server's own message", async () => {
    const { app, db } = env;
    const result = await app.raw("profiles:test", {
      draft: { name: "bad", ...db.connection, database: "no_such_db_here" },
    });
    expect(result).toMatchObject({ ok: false, error: { sqlState: "3D000" } });
    if (!result.ok) expect(result.error.message).toContain('database "no_such_db_here" does not exist');
  });

  it("reports an unreachable host as a connection error", async () => {
    const { app, db } = env;
    const result = await app.raw("profiles:test", {
      draft: { name: "bad", ...db.connection, host: "127.0.0.1", port: 1 },
    });
    expect(result).toMatchObject({ ok: false, error: { code: "CONNECTION" } });
    if (!result.ok) expect(result.error.message).toMatch(/ECONNREFUSED/);
  });
});
