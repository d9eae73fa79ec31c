import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer } from "../../harness/database";

describe("inventory: many profiles at once, grouped and tagged", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("previews a URI list without sending its passwords, then imports it in one go with group and tags", async () => {
    const s = testServer(15);
    const text = [
      `orders postgresql://${s.user}:${encodeURIComponent(s.password)}@${s.host}:${s.port}/postgres`,
      `host=${s.host} port=${s.port} dbname=template1 user=${s.user}`,
      "broken postgresql://h:99999/x",
    ].join("\n");
    const preview = await app.call("inventory:preview", { source: "uriList", text });
    expect(preview.candidates.map((c) => [c.name, c.hasPassword, c.error ?? ""])).toEqual([
      ["orders", true, ""],
      [`${s.user}@${s.host}/template1`, false, ""],
      ["broken", false, 'line 3: port: invalid port number: "99999"'],
    ]);
    expect(JSON.stringify(preview)).not.toContain(s.password);

    const result = await app.call("inventory:import", {
      source: "uriList",
      text,
      group: "eu",
      tags: ["billing"],
      environment: "staging",
    });
    expect(result.created.map((p) => [p.name, p.group, p.tags, p.tag, p.hasPassword])).toEqual([
      ["orders", "eu", ["billing"], "staging", true],
      [`${s.user}@${s.host}/template1`, "eu", ["billing"], "staging", false],
    ]);
    expect(result.skipped).toEqual([
      { index: 2, name: "broken", reason: 'line 3: port: invalid port number: "99999"' },
    ]);
    // the saved password works, and it is sealed on disk
    const test = await app.call("profiles:test", { id: result.created[0]!.id });
    expect(test.serverVersion).toMatch(/^15\./);
    expect(await readFile(join(app.dataDir, "profiles.json"), "utf8")).not.toContain(s.password);

    const again = await app.call("inventory:import", { source: "uriList", text });
    expect(again.created).toEqual([]);
    expect(again.skipped.map((x) => x.reason)).toEqual([
      'already saved as "orders"',
      `already saved as "${s.user}@${s.host}/template1"`,
      'line 3: port: invalid port number: "99999"',
    ]);
    const dup = await app.call("inventory:import", {
      source: "uriList",
      text,
      pick: [0],
      includeDuplicates: true,
    });
    expect(dup.created.map((p) => p.name)).toEqual(["orders (2)"]);
  });

  it("imports a pgAdmin export, taking the password from its PassFile", async () => {
    const s = testServer(15);
    const passFile = join(app.dataDir, "orders.pgpass");
    await writeFile(passFile, `${s.host}:${s.port}:*:${s.user}:${s.password}\n`, { mode: 0o600 });
    await chmod(passFile, 0o600);
    const servers = {
      Servers: {
        "1": {
          Name: "pgAdmin orders",
          Group: "pgadmin",
          Host: s.host,
          Port: s.port,
          MaintenanceDB: "postgres",
          Username: s.user,
          SSLMode: "disable",
          PassFile: passFile,
          Tags: [{ text: "imported" }],
        },
      },
    };
    const result = await app.call("inventory:import", {
      source: "pgAdmin",
      text: JSON.stringify(servers),
      includeDuplicates: true, // the same login as "orders" above
    });
    expect(result.created[0]).toMatchObject({
      name: "pgAdmin orders",
      group: "pgadmin",
      tags: ["imported"],
      hasPassword: true,
    });
    expect((await app.call("profiles:test", { id: result.created[0]!.id })).serverVersion).toMatch(/^15\./);
  });

  it("imports a pasted pg_service.conf and refuses an empty paste with the field named", async () => {
    const result = await app.call("inventory:import", {
      source: "pgService",
      text: "[svc_a]\nhost=10.9.9.1\ndbname=a\nuser=u\n[svc_b]\nhost=10.9.9.2\ndbname=b\nuser=u\n",
    });
    expect(result.created.map((p) => [p.name, p.host])).toEqual([
      ["svc_a", "10.9.9.1"],
      ["svc_b", "10.9.9.2"],
    ]);
    const empty = await app.raw("inventory:preview", { source: "pgAdmin", text: "  " });
    expect(!empty.ok && empty.error).toMatchObject({ code: "VALIDATION", field: "text" });
  });

  it("moves profiles to a group and adds and removes tags in one write", async () => {
    const all = await app.call("profiles:list", {});
    const ids = all.filter((p) => p.name.startsWith("svc_")).map((p) => p.id);
    const labelled = await app.call("inventory:label", { ids, group: "services", addTags: ["a", "b"] });
    expect(labelled.map((p) => [p.group, p.tags])).toEqual([
      ["services", ["a", "b"]],
      ["services", ["a", "b"]],
    ]);
    const less = await app.call("inventory:label", { ids: [ids[0]!], group: null, removeTags: ["a"] });
    expect(less[0]).toMatchObject({ tags: ["b"] });
    expect(less[0]!.group).toBeUndefined();
    const bad = await app.raw("inventory:label", { ids, addTags: ["a,b"] });
    expect(bad.ok).toBe(false);
  });
});
