import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanPlainSql } from "../../../src/main/features/backup/plain-sql.guard";

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pgdesk-guard-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scan(text: string) {
  const path = join(dir, `f${n++}.sql`);
  await writeFile(path, text);
  return scanPlainSql(path);
}

const HEAD = "SET standard_conforming_strings = on;\n";

describe("the plain SQL guard", () => {
  it("accepts pg_dump's own shape: restrict pair, COPY data with backslashes, closing line", async () => {
    const r = await scan(
      "\\restrict abc123\n" +
        HEAD +
        "CREATE TABLE public.t (a text, b text);\n" +
        "COPY public.t (a, b) FROM stdin;\n\\N\tx\\\\y\n\\\\! not a command\tz\n\\.\n" +
        "COMMENT ON TABLE public.t IS 'a \\ backslash';\n" +
        "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $_$ SELECT '\\x' $_$;\n" +
        "-- \\! in a comment\n/* nested /* \\q */ still comment \\! */ SELECT E'it\\'s \\\\ fine';\n" +
        "\\unrestrict abc123\n-- PostgreSQL database dump complete\n",
    );
    expect(r).toMatchObject({ ok: true, complete: true, copyBlocks: 1 });
  });

  it.each([
    ["a meta-command on its own line", "\\! touch /tmp/pwned\n"],
    ["a meta-command after a statement", "SELECT 1; \\! id\n"],
    ["a meta-command in the middle of a statement", "SELECT 1 \\gexec\n"],
    ["a meta-command after COPY on the same line", "COPY public.t (a) FROM stdin; \\! id\nx\n\\.\n"],
    [
      "data after a COPY that only looks like FROM stdin in a comment",
      "COPY (SELECT 1) TO stdout; -- FROM stdin\n\\! id\n\\.\n",
    ],
    [
      "a COPY whose statement text is not pg_dump's form",
      "COPY t FROM stdin WITH (FORMAT csv);\n\\! id\n\\.\n",
    ],
    ["switching standard_conforming_strings off", "SET standard_conforming_strings = off;\nSELECT 'a\\';\n"],
    ["a backslash in a string before standard strings are on", "SELECT 'a\\'; \\! id';\n", ""],
    ["an unrestrict with another key", "\\restrict abc\n\\unrestrict abd\n"],
    ["a restrict without unrestrict", "\\restrict abc\nSELECT 1;\n"],
    ["a file that ends inside COPY data", HEAD + "COPY public.t (a) FROM stdin;\nx\n"],
  ])("refuses %s", async (_what, text, head = HEAD) => {
    const r = await scan(head + text);
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/^line \d+: /);
  });

  it("says when pg_dump's closing line is missing", async () => {
    expect(await scan(HEAD + "SELECT 1;\n")).toMatchObject({ ok: true, complete: false });
  });
});
