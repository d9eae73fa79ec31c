import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../../src/main/app-context";
import type { AppContext } from "../../../src/main/features/handler-types";
import { demoPaths } from "../../../src/main/features/demo/demo.paths";
import { ensureDemoServer } from "../../../src/main/features/demo/demo.service";
import { KeyFileSecretStore } from "../../../src/main/features/profiles/secret-store";
import { dispatch } from "../../../src/main/ipc/dispatch";
import { registry } from "../../../src/main/ipc/registry";
import { createMemoryLogger } from "../../../src/main/logger";
import type { DemoProgress } from "../../../src/shared/contract/demo";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer } from "../../harness/database";

/** A second app on the same data folder, as after a restart of pgdesk. */
function reopen(dataDir: string) {
  const ctx: AppContext = createAppContext({
    host: "web",
    version: "test",
    dataDir,
    log: createMemoryLogger(),
    secrets: new KeyFileSecretStore(join(dataDir, "secret.key")),
    emit: () => undefined,
  });
  const call = async (channel: string, input: unknown) => {
    const r = await dispatch(registry, { ...ctx, signal: new AbortController().signal }, channel, input, {
      validateOutput: true,
    });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { data: r.error });
    return r.value as never;
  };
  return { ctx, call };
}

describe("the demo database service", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("says clearly when the data folder cannot be written, and makes nothing", async () => {
    const root = await mkdtemp(join(tmpdir(), "pgdesk-demo-blocked-"));
    await writeFile(join(root, "file"), "not a folder");
    const blocked = reopen(join(root, "file", "data"));
    await expect(blocked.call("demo:create", {})).rejects.toMatchObject({
      data: { code: "CONFLICT", message: expect.stringMatching(/cannot write to the demo folder .*ENOTDIR/) },
    });
    await blocked.ctx.shutdown();
    await rm(root, { recursive: true, force: true });
  });

  it("can be cancelled while seeding and leaves nothing behind", async () => {
    expect(await app.call("demo:status", {})).toMatchObject({ state: "absent" });
    const creating = app.call("demo:create", {});
    await app.waitForEvent("demo:didProgress", (p) => p.percent >= 22, 120_000);
    await app.call("demo:cancel", {});
    await expect(creating).rejects.toMatchObject({ data: { code: "CANCELLED" } });
    expect(existsSync(demoPaths(app.dataDir).cluster)).toBe(false);
    expect(await app.call("profiles:list", {})).toEqual([]);
    expect(await app.call("demo:status", {})).toMatchObject({ state: "absent" });
  }, 180_000);

  it("creates the demo with progress, saves a demo profile and serves its overview", async () => {
    const before = app.events.length;
    const status = await app.call("demo:create", { size: "demo" });
    expect(status).toMatchObject({
      state: "running",
      size: "demo",
      serverVersion: expect.stringMatching(/^15\./),
    });
    const progress = app.events
      .slice(before)
      .filter((e) => e.event === "demo:didProgress")
      .map((e) => e.payload as DemoProgress);
    expect(progress.at(-1)).toEqual({ phase: "Done", percent: 100 });
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining([
        "Starting PostgreSQL 15",
        "Applying migrations",
        "Placing and shipping orders",
        "Running a workload for the dashboards",
      ]),
    );

    const profiles = await app.call("profiles:list", {});
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({
      id: status.profileId,
      tag: "demo",
      host: "127.0.0.1",
      port: status.port,
      database: "pgdesk_demo",
      hasPassword: true,
    });
    const overview = await app.call("server:overview", { profileId: status.profileId! });
    expect(overview.currentDatabase).toBe("pgdesk_demo");
    const pool = await app.ctx.db.pool(status.profileId!);
    const { rows } = await pool.query(
      `SELECT current_setting('shared_preload_libraries') AS spl, (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM pg_stat_statements) AS statements`,
    );
    expect(rows[0].spl).toContain("pg_stat_statements");
    expect(rows[0].orders).toBeGreaterThan(0);
    expect(rows[0].statements).toBeGreaterThan(0);
  }, 240_000);

  it("starts the demo server again after a restart, past a stale postmaster.pid and a taken port", async () => {
    const status = await app.call("demo:status", {});
    await app.ctx.shutdown(); // stops the demo server as the host does on quit
    await expect(app.call("server:overview", { profileId: status.profileId! })).rejects.toThrow();
    await writeFile(join(status.dataDir, "postmaster.pid"), `999999\n${status.dataDir}\n0\n${status.port}\n`);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(status.port, "127.0.0.1", resolve));

    const next = reopen(app.dataDir);
    try {
      await ensureDemoServer(next.ctx);
    } finally {
      squatter.close();
    }
    const again = (await next.call("demo:status", {})) as { state: string; profileId: string; port: number };
    expect(again).toMatchObject({ state: "running", profileId: status.profileId });
    expect(again.port).not.toBe(status.port);
    const moved = (await next.call("profiles:list", {})) as Array<{ id: string; port: number }>;
    expect(moved.find((p) => p.id === status.profileId)?.port).toBe(again.port);
    const overview = (await next.call("server:overview", { profileId: status.profileId })) as {
      currentDatabase: string;
    };
    expect(overview.currentDatabase).toBe("pgdesk_demo");

    const other = await next.call("profiles:save", {
      draft: { name: "Mine", ...connectionOf(), tag: "production" },
    });
    const removed = await next.call("demo:remove", {});
    expect(removed).toMatchObject({ state: "absent" });
    expect(existsSync(status.dataDir)).toBe(false);
    const left = (await next.call("profiles:list", {})) as Array<{ id: string }>;
    expect(left.map((p) => p.id)).toEqual([(other as { id: string }).id]);
    await next.ctx.shutdown();
  }, 180_000);
});

function connectionOf() {
  const s = testServer(15);
  return { host: s.host, port: s.port, database: "postgres", user: s.user, password: s.password };
}
