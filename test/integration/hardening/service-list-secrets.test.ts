import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";

/**
 * pg_service.conf may hold passwords. Listing the services (which the Connections page does
 * on its own) sends none of them to the renderer; only the service the user picks is
 * imported with its password, to pre-fill the form.
 */
describe("pg_service.conf passwords stay in main until the user picks a service", () => {
  const secret = `svc-secret-${Math.random().toString(36).slice(2)}`;
  const saved = { PGSERVICEFILE: process.env.PGSERVICEFILE, PGSYSCONFDIR: process.env.PGSYSCONFDIR };
  let dir: string;
  let app: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgdesk-svc-"));
    await writeFile(
      join(dir, "services.conf"),
      `[alpha]\nhost=db1\nuser=a\npassword=${secret}\nsslpassword=${secret}-key\n[beta]\nhost=db2\n`,
      { mode: 0o600 },
    );
    process.env.PGSERVICEFILE = join(dir, "services.conf");
    process.env.PGSYSCONFDIR = join(dir, "none");
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("lists services without passwords and imports the picked one with its password", async () => {
    const listed = await app.call("profiles:listServices", {});
    expect(listed.services.map((s) => s.name)).toEqual(["alpha", "beta"]);
    expect(listed.services[0]!.imported.draft).toMatchObject({ host: "db1", user: "a" });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const picked = await app.call("profiles:parseConnectionString", { text: "service='alpha'" });
    expect(picked.password).toBe(secret);
    expect(picked.draft).toMatchObject({ host: "db1", user: "a" });
    expect(app.log.lines.join("\n")).not.toContain(secret);
  });
});
