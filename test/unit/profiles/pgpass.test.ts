import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupPgpass, matchPgpass, pgpassPath } from "../../../src/main/db/pgpass";

const target = { host: "db.example.com", port: 5432, database: "shop", user: "alice" };

describe("~/.pgpass matching (libpq rules)", () => {
  it("returns the first matching line", () => {
    const text = [
      "other:5432:shop:alice:nope",
      "db.example.com:5432:shop:alice:first",
      "db.example.com:5432:shop:alice:second",
    ].join("\n");
    expect(matchPgpass(text, target)).toEqual({ password: "first", line: 2 });
  });

  it("matches * in any of the first four fields", () => {
    expect(matchPgpass("*:*:*:alice:star", target)?.password).toBe("star");
    expect(matchPgpass("*:5432:*:*:any", target)?.password).toBe("any");
    expect(matchPgpass("*:5433:*:*:wrongport", target)).toBeUndefined();
  });

  it("treats * as a wildcard only when it is the whole field", () => {
    expect(matchPgpass("db.*.com:5432:shop:alice:x", target)).toBeUndefined();
    expect(matchPgpass("\\*:5432:shop:alice:x", { ...target, host: "*" })?.password).toBe("x");
    expect(matchPgpass("\\*:5432:shop:alice:x", target)).toBeUndefined();
  });

  it("unescapes \\: and \\\\ in fields and in the password", () => {
    const text = "db.example.com:5432:sh\\:op:alice:pa\\:ss\\\\word:ignored";
    expect(matchPgpass(text, { ...target, database: "sh:op" })?.password).toBe("pa:ss\\word");
  });

  it("skips comments, blank lines, CRLF endings and incomplete lines", () => {
    const text =
      "# db.example.com:5432:shop:alice:comment\r\n\r\ndb.example.com:5432:shop\r\ndb.example.com:5432:shop:alice:crlf\r\n";
    expect(matchPgpass(text, target)).toEqual({ password: "crlf", line: 4 });
  });

  it("matches a socket connection against localhost", () => {
    expect(
      matchPgpass("localhost:5432:shop:alice:sock", { ...target, host: "/var/run/postgresql" })?.password,
    ).toBe("sock");
  });

  it("keeps unicode and = in passwords", () => {
    expect(matchPgpass("*:*:*:*:pä=ss wörd", target)?.password).toBe("pä=ss wörd");
  });
});

describe("~/.pgpass file lookup", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgdesk-pgpass-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("honours PGPASSFILE, else HOME/.pgpass", () => {
    expect(pgpassPath({ PGPASSFILE: "/x/pass", HOME: "/home/a" })).toBe("/x/pass");
    if (process.platform !== "win32") expect(pgpassPath({ HOME: "/home/a" })).toBe("/home/a/.pgpass");
  });

  it("reads a 0600 file and names the line it used", async () => {
    const file = join(dir, "ok");
    await writeFile(file, "x:1:x:x:x\n*:*:shop:alice:s3cret\n", { mode: 0o600 });
    const found = await lookupPgpass(target, { PGPASSFILE: file });
    expect(found).toEqual({ password: "s3cret", source: `${file} line 2`, warnings: [] });
  });

  it("ignores a file others can read, with libpq's warning", async () => {
    const file = join(dir, "open");
    await writeFile(file, "*:*:*:*:leaked\n");
    await chmod(file, 0o644);
    const found = await lookupPgpass(target, { PGPASSFILE: file });
    expect(found.password).toBeUndefined();
    expect(found.warnings).toEqual([
      `WARNING: password file "${file}" has group or world access; permissions should be u=rw (0600) or less`,
    ]);
  });

  it("is silent when there is no file", async () => {
    expect(await lookupPgpass(target, { PGPASSFILE: join(dir, "missing") })).toEqual({ warnings: [] });
  });
});
