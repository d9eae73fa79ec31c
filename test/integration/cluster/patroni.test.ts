import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { postSwitchover } from "../../../src/main/db/patroni.client";
import type { ClusterStatus } from "../../../src/shared/contract/cluster";
import { createTestApp, type TestApp } from "../../harness/app";
import { until } from "../../harness/until";
import { startPatroniCluster, type PatroniCluster } from "../../harness-extra/patroni-cluster";

const API = { username: "patroni-admin", password: "pgdesk-patroni-api" };

describe("a Patroni cluster (etcd + 3 members of PostgreSQL 15, REST API with basic auth)", () => {
  let cluster: PatroniCluster;
  let app: TestApp;
  let clusterId: string;
  const status = (): Promise<ClusterStatus> => app.call("cluster:status", { clusterId });
  /**
   * The cluster once every replica streams into its slot on the leader: Patroni 3.0 reports a
   * replica "running" with a lag before its WAL receiver has connected, and a failover needs
   * healthy replicas (after a switchover they first reconnect to the new leader).
   */
  const settled = (): Promise<ClusterStatus> =>
    until(
      async () => {
        const s = await status().catch(() => undefined);
        const edges = s?.topology.edges ?? [];
        return s?.members.length === 3 &&
          edges.length === 2 &&
          edges.every((e) => e.kind === "streaming" && e.slot?.active === true)
          ? s
          : undefined;
      },
      "every replica streaming into its slot on the leader",
      90_000,
    );

  beforeAll(async () => {
    cluster = await startPatroniCluster({ restApiAuth: API });
    app = await createTestApp();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it("discovers every member from one member's REST address", async () => {
    const replica = cluster.members.find((m) => m.name !== "m1")!;
    const found = await app.call("cluster:discover", {
      apiUrl: `${replica.apiUrl}/patroni`,
      user: cluster.superuser.user,
      password: cluster.superuser.password,
      sslmode: "disable",
      name: "orders-ha",
      environment: "production",
      tags: ["ha"],
      apiUser: API.username,
      apiPassword: API.password,
    });
    clusterId = found.cluster.id;
    expect(found.cluster.scope).toBe(cluster.scope);
    expect(found.cluster.members.map((m) => m.member).sort()).toEqual(["m1", "m2", "m3"]);
    expect(found.cluster.apiUrls).toHaveLength(3);
    expect(found.cluster.hasApiAuth).toBe(true);
    expect(await readFile(join(app.dataDir, "clusters.json"), "utf8")).not.toContain(API.password);
    const names = found.created.map((p) => p.name).sort();
    expect(names).toEqual(["orders-ha (leader)", "orders-ha/m1", "orders-ha/m2", "orders-ha/m3"]);
    for (const p of found.created) {
      expect(p).toMatchObject({ group: "orders-ha", tags: ["ha"], tag: "production", hasPassword: true });
      expect(p.cluster?.clusterId).toBe(clusterId);
    }
    const leaderProfile = found.created.find((p) => p.name === "orders-ha (leader)")!;
    expect(leaderProfile.targetSessionAttrs).toBe("primary");
    expect(leaderProfile.additionalHosts).toHaveLength(2);
    // the leader-following profile lands on the primary whatever member is listed first
    const test = await app.call("profiles:test", { id: leaderProfile.id });
    expect(test.port).toBe(cluster.members.find((m) => m.name === "m1")!.pgPort);

    // an edit in the profile form keeps the membership discovery set
    const m2 = found.created.find((p) => p.name === "orders-ha/m2")!;
    const { id: _id, hasPassword: _h, cluster: _c, ...fields } = m2;
    const edited = await app.call("profiles:save", {
      id: m2.id,
      draft: { ...fields, name: "orders-ha/m2 (eu)" },
    });
    expect(edited.cluster).toEqual(m2.cluster);

    const again = await app.raw("cluster:discover", {
      apiUrl: cluster.members[0]!.apiUrl,
      user: "postgres",
      sslmode: "disable",
    });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error.message).toMatch(/already discovered as "orders-ha"/);
  });

  it("shows members, roles, lag and the topology with each replica's slot on the leader", async () => {
    const s = await settled();
    expect(s.leader).toBe("m1");
    expect(s.members.map((m) => [m.name, m.role])).toEqual([
      ["m1", "leader"],
      ["m2", "replica"],
      ["m3", "replica"],
    ]);
    for (const m of s.members) {
      expect(m.state).toBe("running");
      expect(m.timeline).toBe(1);
      expect(m.profileId).toBeTruthy();
    }
    expect(s.members.filter((m) => m.role === "replica").every((m) => typeof m.lagBytes === "number")).toBe(
      true,
    );
    expect(s.topology.nodes.map((n) => [n.id, n.level, n.detached])).toEqual([
      ["m1", 0, false],
      ["m2", 1, false],
      ["m3", 1, false],
    ]);
    expect(s.topology.edges.map((e) => [e.from, e.to, e.kind, e.slot?.name, e.slot?.active])).toEqual([
      ["m1", "m2", "streaming", "m2", true],
      ["m1", "m3", "streaming", "m3", true],
    ]);
    expect(s.topology.orphanSlots).toEqual([]);
    expect(s.history).toEqual([]);
    expect(s.warnings).toEqual([]);
  }, 120_000);

  it("refuses a switchover of a production cluster until its name is typed, then moves the leader", async () => {
    const refused = await app.raw("cluster:switchover", { clusterId, candidate: "m3" });
    expect(!refused.ok && refused.error).toMatchObject({ code: "VALIDATION", field: "confirm" });
    const wrong = await app.raw("cluster:switchover", { clusterId, candidate: "m1", confirm: "orders-ha" });
    expect(!wrong.ok && wrong.error.message).toMatch(/already leads/);
    expect(await cluster.leader()).toBe("m1");
    // Patroni itself refuses a switchover without its REST credentials
    const leaderApi = cluster.members.find((m) => m.name === "m1")!.apiUrl;
    await expect(postSwitchover({ url: leaderApi }, { leader: "m1", candidate: "m3" })).rejects.toThrow(
      /refused the switchover \(401/,
    );

    const result = await app.call("cluster:switchover", { clusterId, candidate: "m3", confirm: "orders-ha" });
    expect(result).toMatchObject({ ok: true, httpStatus: 200, previousLeader: "m1", newLeader: "m3" });
    expect(result.message).toBe('Successfully switched over to "m3"');
    expect(await cluster.leader()).toBe("m3");
    await until(async () => {
      const s = await status();
      return s.leader === "m3" && s.history.length === 1 && s.members.every((m) => m.state === "running");
    }, "the cluster to settle on m3");
    const s = await status();
    expect(s.history[0]).toMatchObject({ timeline: 1, newLeader: "m3" });
    expect(s.members.find((m) => m.name === "m3")!.timeline).toBe(2);
  }, 120_000);

  it("shows the new leader within 45 s after kill -9 of the leader's postmaster, and the old one rejoining", async () => {
    await settled();
    const old = await cluster.leader();
    const pid = await cluster.postmasterPid(old);
    process.kill(pid, "SIGKILL");
    const seen = new Set<string>();
    await until(
      async () => {
        const s = await status().catch(() => undefined);
        const oldMember = s?.members.find((m) => m.name === old);
        if (oldMember) seen.add(`${oldMember.role}/${oldMember.state}`);
        return Boolean(s?.leader && s.leader !== old && oldMember && oldMember.role !== "leader");
      },
      "a new leader on the cluster page",
      45_000,
    );
    const after = await status();
    expect(after.leader).not.toBe(old);
    expect(after.topology.nodes.find((n) => n.id === after.leader)!.level).toBe(0);
    // the old leader comes back as a replica of the new one (pg_rewind if it must)
    await until(
      async () => {
        const s = await status().catch(() => undefined);
        const m = s?.members.find((x) => x.name === old);
        if (m) seen.add(`${m.role}/${m.state}`);
        return m?.role === "replica" && m.state === "running" && typeof m.lagBytes === "number";
      },
      "the old leader to rejoin as a replica",
      90_000,
    );
    const rejoined = await status();
    expect(rejoined.history.at(0)!.newLeader).toBe(after.leader);
    expect(rejoined.topology.edges.some((e) => e.from === after.leader && e.to === old)).toBe(true);
    expect([...seen].some((s) => s.startsWith("replica/"))).toBe(true);

    // and the profile of the new leader is a writable primary
    const leaderProfileId = rejoined.members.find((m) => m.name === after.leader)!.profileId!;
    const params = await app.ctx.profiles.connectionParams(leaderProfileId);
    const c = new pg.Client({
      host: params.host,
      port: params.port,
      user: params.user,
      password: params.password,
      database: "postgres",
    });
    await c.connect();
    try {
      expect((await c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]!.r).toBe(false);
    } finally {
      await c.end();
    }
  }, 300_000);

  it("forgets the cluster and keeps its member profiles as plain profiles", async () => {
    const before = (await app.call("profiles:list", {})).filter((p) => p.cluster?.clusterId === clusterId);
    expect(before).toHaveLength(4);
    await app.call("cluster:remove", { clusterId, deleteProfiles: false });
    expect(await app.call("cluster:list", {})).toEqual([]);
    const after = await app.call("profiles:list", {});
    expect(after.filter((p) => before.some((b) => b.id === p.id)).map((p) => p.cluster)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const gone = await app.raw("cluster:status", { clusterId });
    expect(!gone.ok && gone.error.code).toBe("NOT_FOUND");
  });
});
