import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export interface PlainScan {
  ok: boolean;
  /** Why the file may not be fed to psql, with its line number. */
  problem?: string;
  statements: number;
  copyBlocks: number;
  /** pg_dump's closing comment was seen: the file was written to the end. */
  complete: boolean;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
/** The one COPY form after which psql switches to reading data lines (pg_dump's own). */
const COPY_FROM_STDIN = new RegExp(
  String.raw`^COPY\s+${IDENT}(?:\.${IDENT})?(?:\s*\(\s*${IDENT}(?:\s*,\s*${IDENT})*\s*\))?\s+FROM\s+stdin$`,
  "i",
);
const RESTRICT = /^\\(restrict|unrestrict) ([A-Za-z0-9]+)\s*$/;

type Quote = "none" | "single" | "escape" | "double" | "dollar" | "block";

/**
 * Decides whether a plain SQL file is safe to give to psql: it must contain no psql
 * meta-command (a backslash outside quotes, comments and COPY data), except pg_dump's
 * own `\restrict KEY` / `\unrestrict KEY` pair and the `\.` ending COPY data. The lexer
 * follows psql's (quotes, E'' strings, dollar quotes, nested comments); COPY data mode
 * is entered only after the strict pg_dump form `COPY t (cols) FROM stdin;`, and psql
 * runs with ON_ERROR_STOP, so psql can never be in a mode this scan did not expect.
 */
export async function scanPlainSql(path: string): Promise<PlainScan> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  const result: PlainScan = { ok: true, statements: 0, copyBlocks: 0, complete: false };
  let inCopy = false;
  let enterCopy = false;
  let quote: Quote = "none";
  let dollarTag = "";
  let depth = 0;
  let stmt = "";
  let stdStringsOn = false;
  let restrictKey: string | undefined;
  let lineNo = 0;
  const refuse = (why: string) => {
    result.ok = false;
    result.problem = `line ${lineNo}: ${why}`;
  };
  for await (const line of lines) {
    lineNo++;
    if (inCopy) {
      if (line === "\\.") inCopy = false;
      continue;
    }
    if (/^-- PostgreSQL database dump complete\s*$/.test(line)) result.complete = true;
    if (quote === "none" && stmt.trim() === "") {
      const r = RESTRICT.exec(line);
      if (r) {
        if (r[1] === "restrict" && restrictKey === undefined) restrictKey = r[2];
        else if (r[1] === "unrestrict" && restrictKey === r[2]) restrictKey = "";
        else refuse(`unexpected ${line.slice(0, 80)}`);
        if (!result.ok) break;
        continue;
      }
    }
    for (let i = 0; i < line.length && result.ok; i++) {
      const c = line[i]!;
      const next = line[i + 1];
      switch (quote) {
        case "single":
          if (c === "'") quote = "none";
          else if (c === "\\" && !stdStringsOn)
            refuse("a backslash in a string before standard_conforming_strings is on");
          stmt += c;
          continue;
        case "escape":
          if (c === "\\") {
            stmt += c + (next ?? "");
            i++;
          } else {
            if (c === "'") quote = "none";
            stmt += c;
          }
          continue;
        case "double":
          if (c === '"') quote = "none";
          stmt += c;
          continue;
        case "dollar":
          if (c === "$" && line.startsWith(dollarTag, i)) {
            quote = "none";
            i += dollarTag.length - 1;
          }
          continue;
        case "block":
          if (c === "*" && next === "/") {
            depth--;
            i++;
            if (depth === 0) quote = "none";
          } else if (c === "/" && next === "*") {
            depth++;
            i++;
          }
          continue;
        case "none":
          break;
      }
      if (c === "-" && next === "-") break; // comment to the end of the line
      if (c === "/" && next === "*") {
        quote = "block";
        depth = 1;
        i++;
        continue;
      }
      if (c === "\\") {
        refuse(`a psql meta-command (${line.slice(i, i + 40)}) is not allowed in a restored file`);
        break;
      }
      const prev = i > 0 ? line[i - 1]! : " ";
      const identBefore = /[A-Za-z0-9_$\u0080-\uffff]/.test(prev);
      if (c === "'") {
        const eString =
          (prev === "e" || prev === "E") && !(i > 1 && /[A-Za-z0-9_$\u0080-\uffff]/.test(line[i - 2]!));
        quote = eString ? "escape" : "single";
      } else if (c === '"') quote = "double";
      else if (c === "$" && !identBefore) {
        const m = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(line.slice(i));
        if (m) {
          quote = "dollar";
          dollarTag = m[0];
          i += m[0].length - 1;
          continue;
        }
      } else if (c === ";") {
        const text = stmt.trim().replace(/\s+/g, " ");
        result.statements++;
        if (/standard_conforming_strings/i.test(text)) {
          if (/^SET standard_conforming_strings = on$/i.test(text)) stdStringsOn = true;
          else refuse("the file changes standard_conforming_strings");
        }
        if (COPY_FROM_STDIN.test(text)) {
          enterCopy = true;
          result.copyBlocks++;
        }
        stmt = "";
        continue;
      }
      stmt += c;
    }
    if (!result.ok) break;
    if (quote !== "dollar" && quote !== "block") stmt += "\n";
    if (enterCopy) {
      enterCopy = false;
      inCopy = true;
    }
  }
  lines.close();
  if (result.ok && inCopy) refuse("the file ends inside COPY data");
  if (result.ok && restrictKey) refuse("\\restrict without its \\unrestrict");
  return result;
}
