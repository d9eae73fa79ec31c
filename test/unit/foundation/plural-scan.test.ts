import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../../..");
const RENDERER = join(ROOT, "src/renderer/src");

/** Words that follow a number on screen; each must go through count()/plural() so "1 rows" cannot happen. */
const COUNTED =
  "rows|errors|tables|indexes|columns|events|statements|sessions|files|hosts|changes|objects|warnings|" +
  "backups|archives|items|matches|results|queries|checks|locks|schemas|relations|keys|loops|functions|" +
  "connections|actors|entities|snippets|tabs|databases|roles|nodes|edges|samples|jobs|schedules|days";

/** `{n} rows` in JSX, `${n} rows` in a template, and the "statement(s)" dodge. */
const PATTERNS = [
  new RegExp(`\\}\\s*(?:\\{" "\\})?\\s*(${COUNTED})\\b(?![=\\w])`),
  new RegExp(`\\$\\{[^}]+\\}\\s+(${COUNTED})\\b`),
  /[a-z]\(s\)(?=\s+[a-z]|[.<]|$)/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Lines that print a count next to a plural word without the plural helper. */
export function unpluralized(source: string): string[] {
  return source
    .split("\n")
    .filter((line) => !/\bcount\(|\bplural\(/.test(line) && PATTERNS.some((p) => p.test(line)))
    .map((line) => line.trim());
}

describe("every count on screen goes through count()/plural()", () => {
  it("the scan finds the patterns it is meant to find", () => {
    expect(unpluralized("<span>{rows.length} rows</span>")).toHaveLength(1);
    expect(unpluralized("const t = `${n} errors in ${ms} ms`;")).toHaveLength(1);
    expect(unpluralized("Evidence: {s.evidence.length} statement(s)")).toHaveLength(1);
    expect(unpluralized('{n}{" "}rows')).toHaveLength(1);
    expect(unpluralized('<span>{count(rows.length, "row")}</span>')).toHaveLength(0);
    expect(unpluralized("The rows of {name}")).toHaveLength(0);
    expect(unpluralized("<T profileId={id} sessions={a.sessions} />")).toHaveLength(0);
    expect(unpluralized("next.add(s);")).toHaveLength(0);
    expect(unpluralized("insertText: sqlIdent(s) })")).toHaveLength(0);
  });

  it("finds none in the renderer", () => {
    const found = files(RENDERER).flatMap((path) =>
      unpluralized(readFileSync(path, "utf8")).map((line) => `${relative(ROOT, path)}: ${line}`),
    );
    expect(found).toEqual([]);
  });
});
