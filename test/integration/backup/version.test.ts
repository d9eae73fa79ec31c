import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFolder } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("a server newer than every pg_dump on the machine (PostgreSQL 18, pg_dump 15)", () => {
  const env = useAppOnDatabase(18, { prefix: "bk_v18", folder: "pgdesk-bk-" });

  it("says which version is needed and where to set it", async () => {
    const { app, profileId } = env;
    const tools = await app.call("backup:tools", { profileId });
    expect(tools.serverMajor).toBe(18);
    expect(tools.chosen.pg_dump).toBeUndefined();
    expect(tools.found.some((t) => t.tool === "pg_dump" && t.major === 15)).toBe(true);
    expect(tools.problem).toMatch(/PostgreSQL 18; pg_dump, pg_restore, psql 18 or newer is needed/);
    expect(tools.problem).toMatch(/Found only: .*pg_dump 15\.\d+/);
    expect(tools.problem).toMatch(/Backups → Client tools → PostgreSQL 18/);
  });

  it("refuses the backup before writing anything", async () => {
    const { app, db, profileId, folder } = env;
    const result = await app.raw("backup:start", { profileId, database: db.name, folder, format: "custom" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "UNSUPPORTED", message: expect.stringMatching(/pg_dump.* 18 or newer is needed/) },
    });
    expect(await listFolder(folder)).toEqual([]);
    expect(await app.call("backup:jobs", {})).toEqual([]);
  });

  it("keeps refusing when the folder set for 18 holds older tools, and names that folder", async () => {
    const { app, db, profileId, folder } = env;
    const set = await app.call("backup:setToolPath", { major: 18, folder: "/usr/lib/postgresql/15/bin" });
    expect(set.configured).toEqual({ "18": "/usr/lib/postgresql/15/bin" });
    const tools = await app.call("backup:tools", { profileId });
    expect(tools.problem).toMatch(
      /The folder set for PostgreSQL 18 \(\/usr\/lib\/postgresql\/15\/bin\) does not hold them/,
    );
    const result = await app.raw("backup:preview", { profileId, database: db.name, folder });
    expect(result).toMatchObject({ ok: false, error: { code: "UNSUPPORTED" } });
    expect(await listFolder(folder)).toEqual([]);
  });

  it("refuses a restore into the 18.x server before creating its database", async () => {
    const { app, db, profileId, folder } = env;
    await writeFile(
      join(folder, "small.sql"),
      "SET standard_conforming_strings = on;\nCREATE TABLE t (a int);\n",
    );
    const target = `${db.name}_restored`;
    const result = await app.raw("backup:restore", {
      profileId,
      folder,
      file: "small.sql",
      target: "new",
      database: target,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "UNSUPPORTED", message: expect.stringMatching(/18 or newer is needed/) },
    });
    const { rowCount } = await db.pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [target]);
    expect(rowCount).toBe(0);
  });

  it("rejects a tool folder that does not exist", async () => {
    const { app, profileId, folder } = env;
    const result = await app.raw("backup:setToolPath", { major: 18, folder: join(folder, "nope") });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    await app.call("backup:setToolPath", { major: 18, folder: null });
    expect((await app.call("backup:tools", { profileId })).configured).toEqual({});
  });
});
