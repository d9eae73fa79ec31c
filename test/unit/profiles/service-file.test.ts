import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conninfoToDraft } from "../../../src/main/db/libpq-uri";
import {
  lookupService,
  parseServiceFile,
  readServiceFiles,
  serviceFilePaths,
} from "../../../src/main/db/service-file";

describe("pg_service.conf", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgdesk-svc-"));
    await writeFile(
      join(dir, "user.conf"),
      "# my services\n[reporting]\nhost=reports.internal\nport=6432\n  dbname = analytics  \nuser=ro\nsslmode=verify-full\n\n[shared]\nhost=from-user-file\n",
    );
    await writeFile(join(dir, "pg_service.conf"), "[shared]\nhost=from-sysconf\n[sysonly]\nhost=sys\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const env = () => ({ PGSERVICEFILE: join(dir, "user.conf"), PGSYSCONFDIR: dir });

  it("looks in PGSERVICEFILE first, then PGSYSCONFDIR", () => {
    expect(serviceFilePaths(env())).toEqual([join(dir, "user.conf"), join(dir, "pg_service.conf")]);
    expect(serviceFilePaths({ HOME: "/home/a" })[0]).toBe("/home/a/.pg_service.conf");
  });

  it("lists services of both files; the user's file wins a shared name", async () => {
    const found = await readServiceFiles(env());
    expect(found.services.map((s) => s.name)).toEqual(["reporting", "shared", "sysonly"]);
    expect(found.services.find((s) => s.name === "shared")?.info.get("host")).toBe("from-user-file");
    expect(found.warnings).toEqual([]);
  });

  it("turns a service into profile fields", async () => {
    const svc = await lookupService("reporting", env());
    expect(conninfoToDraft(svc!.info).draft).toMatchObject({
      host: "reports.internal",
      port: 6432,
      database: "analytics",
      user: "ro",
      sslmode: "verify-full",
    });
    expect(await lookupService("nope", env())).toBeUndefined();
  });

  it("skips a service with an unknown keyword and names the line", () => {
    const parsed = parseServiceFile("[good]\nhost=a\n[bad]\nhost=b\nhots=c\n", "f.conf");
    expect(parsed.services.map((s) => s.name)).toEqual(["good"]);
    expect(parsed.warnings[0]).toMatch(/f\.conf", line 5: unknown keyword "hots"/);
  });

  it("flags settings outside a section and a nested service keyword", () => {
    const parsed = parseServiceFile("host=a\n[x]\nservice=y\n", "f.conf");
    expect(parsed.services).toEqual([]);
    expect(parsed.warnings).toHaveLength(2);
  });
});
