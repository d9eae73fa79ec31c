import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseTools, discoverPgTools, parseToolVersion } from "../../../src/main/db/pg-tools.discovery";
import type { FoundTool } from "../../../src/shared/contract/backup";

describe("client tools discovery", () => {
  it("reads versions the way the tools print them", () => {
    expect(parseToolVersion("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n")).toEqual({
      version: "15.20",
      major: 15,
    });
    expect(parseToolVersion("pg_dump (PostgreSQL) 18devel")).toEqual({ version: "18devel", major: 18 });
    expect(parseToolVersion("psql (PostgreSQL) 9.6.24")).toEqual({ version: "9.6.24", major: 9 });
    expect(parseToolVersion("something else 15.2")).toBeUndefined();
  });

  it("finds Debian's pg_dump 15 by running it, in the install folder and on PATH", async () => {
    const found = await discoverPgTools({ configured: {}, path: "/usr/bin", platform: "linux" });
    const direct = found.find((f) => f.path === "/usr/lib/postgresql/15/bin/pg_dump");
    expect(direct).toMatchObject({ tool: "pg_dump", major: 15, source: "install-folder" });
    expect(found.filter((f) => f.tool === "psql").length).toBeGreaterThanOrEqual(1);
    const choice = chooseTools(found, 15, {});
    expect(choice.problem).toBeUndefined();
    expect(choice.chosen.pg_dump?.wrapper).toBeUndefined();
  });

  it("searches a configured folder first and ignores what does not answer like a PostgreSQL tool", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pgdesk-tools-"));
    try {
      await symlink("/usr/lib/postgresql/15/bin/pg_restore", join(dir, "pg_restore"));
      await symlink("/bin/true", join(dir, "pg_dump"));
      const found = await discoverPgTools({
        configured: { "15": dir },
        path: "",
        platform: "linux",
        installRoots: [],
      });
      expect(found).toEqual([
        expect.objectContaining({
          tool: "pg_restore",
          path: join(dir, "pg_restore"),
          source: "configured",
          major: 15,
        }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const tool = (t: FoundTool["tool"], major: number, extra: Partial<FoundTool> = {}): FoundTool => ({
    tool: t,
    major,
    version: `${major}.1`,
    path: `/pg${major}/${t}`,
    source: "install-folder",
    ...extra,
  });

  it("picks the newest tool at least as new as the server", () => {
    const found = [
      tool("pg_dump", 14),
      tool("pg_dump", 16),
      tool("pg_dump", 17),
      tool("pg_restore", 17),
      tool("psql", 17),
    ];
    expect(chooseTools(found, 15, {}).chosen.pg_dump?.major).toBe(17);
  });

  it("prefers a configured folder of exactly the server's version", () => {
    const found = [tool("pg_dump", 17), tool("pg_dump", 15, { source: "configured", path: "/mine/pg_dump" })];
    expect(chooseTools(found, 15, { "15": "/mine" }).chosen.pg_dump?.path).toBe("/mine/pg_dump");
  });

  it("says exactly what is missing when only older tools exist", () => {
    const { chosen, problem } = chooseTools(
      [tool("pg_dump", 15), tool("pg_restore", 15), tool("psql", 15)],
      18,
      {},
    );
    expect(chosen).toEqual({});
    expect(problem).toContain(
      "This server runs PostgreSQL 18; pg_dump, pg_restore, psql 18 or newer is needed",
    );
    expect(problem).toContain("Found only: pg_dump 15.1 (/pg15/pg_dump)");
    expect(problem).toContain("Backups → Client tools → PostgreSQL 18");
  });
});
