import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { testServer, type Major } from "../harness/database";
import { startBlackHole, type BlackHole } from "../harness-extra/black-hole";
import { startPatroniCluster, type PatroniCluster } from "../harness-extra/patroni-cluster";
import { startPgBouncer, type RunningPgBouncer } from "../harness-extra/pgbouncer";
import { startE2eApp, type E2eApp } from "./support/e2e-app";

/** The e2e run's one PostgreSQL test server (the e2e project starts 15 alone). */
const MAJOR: Major = 15;

describe("a DBA imports a Patroni cluster, switches it over, then watches a fleet of 120", () => {
  let cluster: PatroniCluster;
  let hole: BlackHole;
  let bouncer: RunningPgBouncer;
  let app: E2eApp;
  const databases: string[] = [];

  beforeAll(async () => {
    const pg15 = testServer(MAJOR);
    [cluster, hole, app, bouncer] = await Promise.all([
      startPatroniCluster(),
      startBlackHole(),
      startE2eApp(),
      startPgBouncer({
        backend: { host: pg15.host, port: pg15.port },
        users: [{ user: pg15.user, password: pg15.password }],
        databases: { appdb: { dbname: "postgres", poolSize: 5 } },
      }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await Promise.allSettled([cluster?.stop(), hole?.close(), bouncer?.stop()]);
    for (const name of databases) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("discovers the cluster from one member and sees members and topology", async () => {
    const { shell, clusters } = app.pages;
    await shell.goTo("clusters");
    await clusters.discover({
      apiUrl: cluster.members[2]!.apiUrl,
      user: cluster.superuser.user,
      password: cluster.superuser.password,
      name: "e2e-ha",
      environment: "production",
    });
    await clusters.waitForLeader("m1");
    expect(await clusters.members().count()).toBe(3);
    await app.page.locator('[data-testid="topology-node"][data-id="m1"][data-level="0"]').waitFor();
    expect(await clusters.topologyNodes().count()).toBe(3);
    await app.page.locator('[data-testid="topology-edge"][data-kind="streaming"]').nth(1).waitFor();
    expect(
      await clusters
        .topologyEdges()
        .evaluateAll((els) => els.map((e) => `${e.dataset.from}>${e.dataset.to}`)),
    ).toEqual(["m1>m2", "m1>m3"]);
    expect(await app.page.getByTestId("cluster-topology").textContent()).toContain("slot m2");
    await app.page.screenshot({ path: "docs/screenshot-cluster.png", fullPage: true });
  });

  it("switches the leader over to a replica after typing the production cluster's name", async () => {
    const { clusters } = app.pages;
    await app.page.getByTestId("switchover-candidate").selectOption("m2");
    await app.page.getByTestId("switchover-start").click();
    expect(await app.page.getByTestId("switchover-run").isDisabled()).toBe(true);
    await app.page.getByTestId("switchover-confirm").fill("e2e-h");
    expect(await app.page.getByTestId("switchover-run").isDisabled()).toBe(true);
    await app.page.getByTestId("switchover-confirm").fill("e2e-ha");
    await app.page.getByTestId("switchover-run").click();
    const result = app.page.getByTestId("switchover-result");
    await result.waitFor({ timeout: 90_000 });
    expect(await result.getAttribute("data-ok")).toBe("yes");
    expect(await result.textContent()).toMatch(
      /Patroni answered “Successfully switched over to "m2"” \(HTTP 200\).*leader was m1, now m2/,
    );
    await clusters.waitForLeader("m2");
    expect(await cluster.leader()).toBe("m2");
    await app.page.getByTestId("history-entry").first().waitFor();
    expect(await app.page.getByTestId("history-leader").first().textContent()).toBe("m2");
  }, 120_000);

  it("imports 116 more profiles, probes all 120 and filters them", async () => {
    const { shell, fleet } = app.pages;
    await shell.goTo("fleet");
    const result = await fleet.importUriList(await uriList(cluster, hole, bouncer, databases), {
      tags: "e2e",
    });
    expect(result).toMatch(/^Imported 116 profiles\./);
    await fleet.setTimeoutSeconds(6);
    await fleet.refreshAndWait();
    expect(await fleet.rows().count()).toBe(120);
    expect(await app.page.getByTestId("fleet-count-up").textContent()).toBe("up: 105");
    expect(await app.page.getByTestId("fleet-count-timeout").textContent()).toBe("timeout: 10");
    expect(await app.page.getByTestId("fleet-count-auth").textContent()).toBe("auth failed: 5");
    // worst first: the black-holed ones lead, each with its reason
    const first = fleet.rows().first();
    expect(await first.getAttribute("data-state")).toBe("timeout");
    expect(await first.getByTestId("fleet-problems").textContent()).toMatch(/no answer within 6 s/);
    expect(await fleet.row("e2e-ha/m2").getByTestId("fleet-role").textContent()).toBe("leader");
    await app.page.screenshot({ path: "docs/screenshot-fleet.png" });

    await fleet.filter({ state: "auth" });
    expect(await fleet.shown().textContent()).toBe("5 of 120 shown");
    expect(await fleet.rows().first().getByTestId("fleet-problems").textContent()).toMatch(
      /password authentication failed/,
    );
    await fleet.filter({ state: "", group: "e2e-ha" });
    expect(await fleet.shown().textContent()).toBe("4 of 120 shown");
    await fleet.filter({ group: "*", tag: "e2e", text: "pg15-db1" });
    expect(await fleet.shown().textContent()).toBe("20 of 120 shown");
    await fleet.filter({ tag: "", text: "" });
    expect(await fleet.shown().textContent()).toBe("120 of 120 shown");

    // click through to a profile's own pages
    await fleet.filter({ text: "pg15-db0-01" });
    await fleet.row("pg15-db0-01").getByTestId("fleet-open").click();
    await app.page.getByTestId("server-overview").waitFor();
    expect(await shell.currentProfile().textContent()).toBe("pg15-db0-01");
    await app.expectNoProblems();
    expect(await app.page.content()).not.toContain(cluster.superuser.password);
  }, 120_000);

  it("opens the PgBouncer console from the fleet on its Pooler page and reloads it after typing RELOAD", async () => {
    const { shell, fleet } = app.pages;
    await shell.goTo("fleet");
    await fleet.filter({ text: "bouncer" });
    expect(await fleet.row("bouncer").getByTestId("fleet-role").textContent()).toBe("pooler");
    await fleet.row("bouncer").getByTestId("fleet-open").click();
    await app.page.getByTestId("pooler-page").waitFor();
    expect(await app.page.locator("h1").textContent()).toMatch(/^PgBouncer \d/);
    expect(await app.page.getByTestId("pooler-clients-waiting").textContent()).toBe("0");
    await app.page
      .locator('[data-testid="pooler-check"][data-id="poolSaturation"][data-severity="ok"]')
      .waitFor();
    await app.page.getByTestId("pooler-tab-databases").click();
    expect(await app.page.getByTestId("pooler-table-databases").textContent()).toContain("appdb");
    await app.page.getByTestId("pooler-reload").click();
    expect(await app.page.getByTestId("pooler-run").isDisabled()).toBe(true);
    await app.page.getByTestId("pooler-confirm").fill("RELOAD");
    await app.page.getByTestId("pooler-run").click();
    expect(await app.page.getByTestId("pooler-result").textContent()).toBe("Configuration reloaded.");
    // a PostgreSQL area does not read a PgBouncer console
    expect(await shell.nav("dashboard").isDisabled()).toBe(true);
    await app.expectNoProblems();
  });
});

/** 80 profiles on the test server (four databases), 20 on the members, a PgBouncer console, 10 black-holed, 5 refused. */
async function uriList(
  cluster: PatroniCluster,
  hole: BlackHole,
  bouncer: RunningPgBouncer,
  databases: string[],
): Promise<string> {
  const lines: string[] = [];
  const uri = (
    s: { user: string; password: string; host: string; port: number },
    db: string,
    pw = s.password,
  ) => `postgresql://${s.user}:${encodeURIComponent(pw)}@${s.host}:${s.port}/${db}`;
  const server = testServer(MAJOR);
  const names = [0, 1, 2, 3].map(() => `e2e_fleet_${randomBytes(4).toString("hex")}`);
  for (const n of names) {
    await admin(`CREATE DATABASE "${n}"`);
    databases.push(n);
  }
  for (let i = 1; i <= 80; i++)
    lines.push(`pg15-db${(i - 1) % 4}-${String(i).padStart(2, "0")} ${uri(server, names[(i - 1) % 4]!)}`);
  const member = (i: number) => ({
    host: "127.0.0.1",
    port: cluster.members[i % 3]!.pgPort,
    ...cluster.superuser,
  });
  // template1: the discovered member profiles already use postgres, and the preview leaves duplicates out
  for (let i = 1; i <= 20; i++)
    lines.push(`member-${String(i).padStart(2, "0")} ${uri(member(i), "template1")}`);
  const a = bouncer.admin;
  lines.push(
    `bouncer postgresql://${a.user}:${a.password}@${bouncer.host}:${bouncer.port}/pgbouncer?sslmode=disable`,
  );
  for (let i = 1; i <= 10; i++)
    lines.push(`black-hole-${String(i).padStart(2, "0")} ${uri({ ...server, port: hole.port }, "postgres")}`);
  for (let i = 1; i <= 5; i++)
    lines.push(`wrong-password-${i} ${uri(server, "postgres", "not-the-password")}`);
  return lines.join("\n");
}

async function admin(sql: string): Promise<void> {
  const s = testServer(MAJOR);
  const c = new pg.Client({
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.password,
    database: "postgres",
  });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
