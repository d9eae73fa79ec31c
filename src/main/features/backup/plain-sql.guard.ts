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
  const scanner = new PlainSqlScanner();
  for await (const line of lines) {
    scanner.line(line);
    if (!scanner.result.ok) break;
  }
  lines.close();
  return scanner.end();
}

/** psql's lexer state, carried from line to line. */
class PlainSqlScanner {
  readonly result: PlainScan = { ok: true, statements: 0, copyBlocks: 0, complete: false };
  private inCopy = false;
  private enterCopy = false;
  private quote: Quote = "none";
  private dollarTag = "";
  private depth = 0;
  private stmt = "";
  private stdStringsOn = false;
  private restrictKey: string | undefined;
  private lineNo = 0;

  line(line: string): void {
    this.lineNo++;
    if (this.inCopy) {
      if (line === "\\.") this.inCopy = false;
      return;
    }
    if (/^-- PostgreSQL database dump complete\s*$/.test(line)) this.result.complete = true;
    if (this.quote === "none" && this.stmt.trim() === "" && this.restrictLine(line)) return;
    for (let i = 0; i < line.length && this.result.ok; i++)
      i = this.quote === "none" ? this.unquoted(line, i) : this.quoted(line, i);
    if (!this.result.ok) return;
    if (this.quote !== "dollar" && this.quote !== "block") this.stmt += "\n";
    if (this.enterCopy) {
      this.enterCopy = false;
      this.inCopy = true;
    }
  }

  end(): PlainScan {
    if (this.result.ok && this.inCopy) this.refuse("the file ends inside COPY data");
    if (this.result.ok && this.restrictKey) this.refuse("\\restrict without its \\unrestrict");
    return this.result;
  }

  private refuse(why: string): void {
    this.result.ok = false;
    this.result.problem = `line ${this.lineNo}: ${why}`;
  }

  /** pg_dump's `\restrict KEY` line before everything and `\unrestrict KEY` after; any other is refused. */
  private restrictLine(line: string): boolean {
    const r = RESTRICT.exec(line);
    if (!r) return false;
    if (r[1] === "restrict" && this.restrictKey === undefined) this.restrictKey = r[2];
    else if (r[1] === "unrestrict" && this.restrictKey === r[2]) this.restrictKey = "";
    else this.refuse(`unexpected ${line.slice(0, 80)}`);
    return true;
  }

  /** Inside a string, quoted name, dollar quote or block comment; answers the last index read. */
  private quoted(line: string, i: number): number {
    const c = line[i]!;
    const next = line[i + 1];
    switch (this.quote) {
      case "single":
        if (c === "'") this.quote = "none";
        else if (c === "\\" && !this.stdStringsOn)
          this.refuse("a backslash in a string before standard_conforming_strings is on");
        this.stmt += c;
        return i;
      case "escape":
        if (c === "\\") {
          this.stmt += c + (next ?? "");
          return i + 1;
        }
        if (c === "'") this.quote = "none";
        this.stmt += c;
        return i;
      case "double":
        if (c === '"') this.quote = "none";
        this.stmt += c;
        return i;
      case "dollar":
        if (c === "$" && line.startsWith(this.dollarTag, i)) {
          this.quote = "none";
          return i + this.dollarTag.length - 1;
        }
        return i;
      case "none":
        return this.unquoted(line, i);
      case "block":
        if (c === "*" && next === "/") {
          this.depth--;
          if (this.depth === 0) this.quote = "none";
          return i + 1;
        }
        if (c === "/" && next === "*") {
          this.depth++;
          return i + 1;
        }
        return i;
    }
  }

  /** Plain SQL text; answers the last index read (the line's length ends the line). */
  private unquoted(line: string, i: number): number {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === "-" && next === "-") return line.length; // comment to the end of the line
    if (c === "/" && next === "*") {
      this.quote = "block";
      this.depth = 1;
      return i + 1;
    }
    if (c === "\\") {
      this.refuse(`a psql meta-command (${line.slice(i, i + 40)}) is not allowed in a restored file`);
      return line.length;
    }
    const prev = i > 0 ? line[i - 1]! : " ";
    const identBefore = /[A-Za-z0-9_$\u0080-\uffff]/.test(prev);
    if (c === "'") {
      const eString =
        (prev === "e" || prev === "E") && !(i > 1 && /[A-Za-z0-9_$\u0080-\uffff]/.test(line[i - 2]!));
      this.quote = eString ? "escape" : "single";
    } else if (c === '"') this.quote = "double";
    else if (c === "$" && !identBefore) {
      const m = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(line.slice(i));
      if (m) {
        this.quote = "dollar";
        this.dollarTag = m[0];
        return i + m[0].length - 1;
      }
    } else if (c === ";") {
      this.endStatement();
      return i;
    }
    this.stmt += c;
    return i;
  }

  /** A statement ends: it may switch psql to COPY data or change how strings read. */
  private endStatement(): void {
    const text = this.stmt.trim().replace(/\s+/g, " ");
    this.result.statements++;
    if (/standard_conforming_strings/i.test(text)) {
      if (/^SET standard_conforming_strings = on$/i.test(text)) this.stdStringsOn = true;
      else this.refuse("the file changes standard_conforming_strings");
    }
    if (COPY_FROM_STDIN.test(text)) {
      this.enterCopy = true;
      this.result.copyBlocks++;
    }
    this.stmt = "";
  }
}
