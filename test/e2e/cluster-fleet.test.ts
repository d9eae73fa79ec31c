import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { testServers } from "../harness/database";
import { startBlackHole, type BlackHole } from "../harness-extra/black-hole";
import { startPatroniCluster, type PatroniCluster } from "../harness-extra/patroni-cluster";
import { startPgBouncer, type RunningPgBouncer } from "../harness-extra/pgbouncer";
import { ClustersPage } from "./pages/clusters.page";
import { FleetPage } from "./pages/fleet.page";
import { ShellPage } from "./pages/shell.page";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a DBA imports a Patroni cluster, switches it over, then watches a fleet of 120", () => {
  let cluster: PatroniCluster;
  let hole: BlackHole;
  let bouncer: RunningPgBouncer;
  let host: RunningWebHost;
  let b: E2EBrowser;
  const databases: Array<{ server: ReturnType<typeof testServers>[number]; name: string }> = [];

  beforeAll(async () => {
    const pg15 = testServers().find((s) => s.major === 15)!;
    [cluster, hole, host, b, bouncer] = await Promise.all([
      startPatroniCluster(),
      startBlackHole(),
      startWebHostProcess(),
      launchBrowser(),
      startPgBouncer({
        backend: { host: pg15.host, port: pg15.port },
        users: [{ user: pg15.user, password: pg15.password }],
        databases: { appdb: { dbname: "postgres", poolSize: 5 } },
      }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await Promise.allSettled([cluster?.stop(), hole?.close(), bouncer?.stop()]);
    for (const d of databases) await admin(d.server, `DROP DATABASE IF EXISTS "${d.name}" WITH (FORCE)`);
  });

  it("discovers the cluster from one member and sees members and topology", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await shell.goTo("clusters");
    const clusters = new ClustersPage(b.page);
    await clusters.discover({
      apiUrl: cluster.members[2]!.apiUrl,
      user: cluster.superuser.user,
      password: cluster.superuser.password,
      name: "e2e-ha",
      environment: "production",
    });
    await clusters.waitForLeader("m1");
    expect(await clusters.members().count()).toBe(3);
    await b.page.locator('[data-testid="topology-node"][data-id="m1"][data-level="0"]').waitFor();
    expect(await clusters.topologyNodes().count()).toBe(3);
    await b.page.locator('[data-testid="topology-edge"][data-kind="streaming"]').nth(1).waitFor();
    expect(
      await clusters
        .topologyEdges()
        .evaluateAll((els) => els.map((e) => `${e.dataset.from}>${e.dataset.to}`)),
    ).toEqual(["m1>m2", "m1>m3"]);
    expect(await b.page.getByTestId("cluster-topology").textContent()).toContain("slot m2");
    await b.page.screenshot({ path: "docs/screenshot-cluster.png", fullPage: true });
  });

  it("switches the leader over to a replica after typing the production cluster's name", async () => {
    const clusters = new ClustersPage(b.page);
    await b.page.getByTestId("switchover-candidate").selectOption("m2");
    await b.page.getByTestId("switchover-start").click();
    expect(await b.page.getByTestId("switchover-run").isDisabled()).toBe(true);
    await b.page.getByTestId("switchover-confirm").fill("e2e-h");
    expect(await b.page.getByTestId("switchover-run").isDisabled()).toBe(true);
    await b.page.getByTestId("switchover-confirm").fill("e2e-ha");
    await b.page.getByTestId("switchover-run").click();
    const result = b.page.getByTestId("switchover-result");
    await result.waitFor({ timeout: 90_000 });
    expect(await result.getAttribute("data-ok")).toBe("yes");
    expect(await result.textContent()).toMatch(
      /Patroni answered “Successfully switched over to "m2"” \(HTTP 200\).*leader was m1, now m2/,
    );
    await clusters.waitForLeader("m2");
    expect(await cluster.leader()).toBe("m2");
    await b.page.getByTestId("history-entry").first().waitFor();
    expect(await b.page.getByTestId("history-leader").first().textContent()).toBe("m2");
  }, 120_000);

  it("imports 116 more profiles, probes all 120 and filters them", async () => {
    const shell = new ShellPage(b.page);
    await shell.goTo("fleet");
    const fleet = new FleetPage(b.page);
    const result = await fleet.importUriList(await uriList(cluster, hole, bouncer, databases), {
      tags: "e2e",
    });
    expect(result).toMatch(/^Imported 116 profiles\./);
    await fleet.setTimeoutSeconds(6);
    await fleet.refreshAndWait();
    expect(await fleet.rows().count()).toBe(120);
    expect(await b.page.getByTestId("fleet-count-up").textContent()).toBe("up: 105");
    expect(await b.page.getByTestId("fleet-count-timeout").textContent()).toBe("timeout: 10");
    expect(await b.page.getByTestId("fleet-count-auth").textContent()).toBe("auth failed: 5");
    // worst first: the black-holed ones lead, each with its reason
    const first = fleet.rows().first();
    expect(await first.getAttribute("data-state")).toBe("timeout");
    expect(await first.getByTestId("fleet-problems").textContent()).toMatch(/no answer within 6 s/);
    expect(await fleet.row("e2e-ha/m2").getByTestId("fleet-role").textContent()).toBe("leader");
    await b.page.screenshot({ path: "docs/screenshot-fleet.png" });

    await fleet.filter({ state: "auth" });
    expect(await fleet.shown().textContent()).toBe("5 of 120 shown");
    expect(await fleet.rows().first().getByTestId("fleet-problems").textContent()).toMatch(
      /password authentication failed/,
    );
    await fleet.filter({ state: "", group: "e2e-ha" });
    expect(await fleet.shown().textContent()).toBe("4 of 120 shown");
    await fleet.filter({ group: "*", tag: "e2e", text: "pg18" });
    expect(await fleet.shown().textContent()).toBe("40 of 120 shown");
    await fleet.filter({ tag: "", text: "" });
    expect(await fleet.shown().textContent()).toBe("120 of 120 shown");

    // click through to a profile's own pages
    await fleet.filter({ text: "pg15-db0-01" });
    await fleet.row("pg15-db0-01").getByTestId("fleet-open").click();
    await b.page.getByTestId("server-overview").waitFor();
    expect(await shell.currentProfile().textContent()).toBe("pg15-db0-01");
    expect(b.problems).toEqual([]);
    expect(await b.page.content()).not.toContain(cluster.superuser.password);
  }, 120_000);

  it("opens the PgBouncer console from the fleet on its Pooler page and reloads it after typing RELOAD", async () => {
    const shell = new ShellPage(b.page);
    await shell.goTo("fleet");
    const fleet = new FleetPage(b.page);
    await fleet.filter({ text: "bouncer" });
    expect(await fleet.row("bouncer").getByTestId("fleet-role").textContent()).toBe("pooler");
    await fleet.row("bouncer").getByTestId("fleet-open").click();
    await b.page.getByTestId("pooler-page").waitFor();
    expect(await b.page.locator("h1").textContent()).toMatch(/^PgBouncer \d/);
    expect(await b.page.getByTestId("pooler-clients-waiting").textContent()).toBe("0");
    await b.page
      .locator('[data-testid="pooler-check"][data-id="poolSaturation"][data-severity="ok"]')
      .waitFor();
    await b.page.getByTestId("pooler-tab-databases").click();
    expect(await b.page.getByTestId("pooler-table-databases").textContent()).toContain("appdb");
    await b.page.getByTestId("pooler-reload").click();
    expect(await b.page.getByTestId("pooler-run").isDisabled()).toBe(true);
    await b.page.getByTestId("pooler-confirm").fill("RELOAD");
    await b.page.getByTestId("pooler-run").click();
    expect(await b.page.getByTestId("pooler-result").textContent()).toBe("Configuration reloaded.");
    // a PostgreSQL area does not read a PgBouncer console
    expect(await shell.nav("dashboard").isDisabled()).toBe(true);
    expect(b.problems).toEqual([]);
  });
});

/** 40 profiles on each harness server (three databases each), 20 on the members, a PgBouncer console, 10 black-holed, 5 refused. */
async function uriList(
  cluster: PatroniCluster,
  hole: BlackHole,
  bouncer: RunningPgBouncer,
  databases: Array<{ server: ReturnType<typeof testServers>[number]; name: string }>,
): Promise<string> {
  const lines: string[] = [];
  const uri = (
    s: { user: string; password: string; host: string; port: number },
    db: string,
    pw = s.password,
  ) => `postgresql://${s.user}:${encodeURIComponent(pw)}@${s.host}:${s.port}/${db}`;
  for (const s of testServers()) {
    const names = [0, 1, 2].map(() => `e2e_fleet_${randomBytes(4).toString("hex")}`);
    for (const n of names) {
      await admin(s, `CREATE DATABASE "${n}"`);
      databases.push({ server: s, name: n });
    }
    for (let i = 1; i <= 40; i++)
      lines.push(
        `pg${s.major}-db${(i - 1) % 3}-${String(i).padStart(2, "0")} ${uri(s, names[(i - 1) % 3]!)}`,
      );
  }
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
  const pg15 = testServers().find((s) => s.major === 15)!;
  for (let i = 1; i <= 10; i++)
    lines.push(`black-hole-${String(i).padStart(2, "0")} ${uri({ ...pg15, port: hole.port }, "postgres")}`);
  for (let i = 1; i <= 5; i++) lines.push(`wrong-password-${i} ${uri(pg15, "postgres", "not-the-password")}`);
  return lines.join("\n");
}

async function admin(
  s: { host: string; port: number; user: string; password: string },
  sql: string,
): Promise<void> {
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
