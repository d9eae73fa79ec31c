export interface SqlStatement {
  sql: string;
  /** 1-based line of the statement's first character in the file. */
  line: number;
}

/**
 * Splits an SQLite script into statements at top-level semicolons, so a migration can run
 * them one by one and say which one failed. Knows quotes ('', "", ``, []), comments and
 * trigger bodies (CREATE TRIGGER ... BEGIN ...; ... END;), like sqlite3_complete().
 * Statements that are only comments are dropped.
 */
export function splitSqlScript(script: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  let words: string[] = []; // the statement's leading keywords, upper-cased
  let lastWord = "";
  while (i < script.length) {
    const c = script[i]!;
    const skip = skipQuotedOrComment(script, i);
    if (skip > i) {
      i = skip;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < script.length && /[A-Za-z0-9_$]/.test(script[j]!)) j++;
      lastWord = script.slice(i, j).toUpperCase();
      if (words.length < 4) words.push(lastWord);
      i = j;
      continue;
    }
    if (c === ";" && (!isTrigger(words) || lastWord === "END")) {
      push(out, script, start, i + 1);
      start = i + 1;
      words = [];
      lastWord = "";
    } else if (!/\s/.test(c)) {
      lastWord = c;
    }
    i++;
  }
  push(out, script, start, script.length);
  return out;
}

function isTrigger(words: string[]): boolean {
  return words[0] === "CREATE" && (words[1] === "TRIGGER" || words[2] === "TRIGGER");
}

/** Index just past the quoted string or comment starting at i, or i when there is none. */
function skipQuotedOrComment(s: string, i: number): number {
  const c = s[i];
  if (c === "-" && s[i + 1] === "-") {
    const end = s.indexOf("\n", i);
    return end < 0 ? s.length : end + 1;
  }
  if (c === "/" && s[i + 1] === "*") {
    const end = s.indexOf("*/", i + 2);
    return end < 0 ? s.length : end + 2;
  }
  const close = c === "'" || c === '"' || c === "`" ? c : c === "[" ? "]" : undefined;
  if (!close) return i;
  let j = i + 1;
  for (;;) {
    const end = s.indexOf(close, j);
    if (end < 0) return s.length;
    // a doubled quote is an escaped quote inside the string
    if (close !== "]" && s[end + 1] === close) {
      j = end + 2;
      continue;
    }
    return end + 1;
  }
}

function push(out: SqlStatement[], script: string, from: number, to: number): void {
  const code = firstCode(script, from, to);
  const sql = script.slice(code, to).trim();
  if (sql === "" || sql === ";") return;
  out.push({ sql, line: lineAt(script, code) });
}

/** Offset of the first character that is neither blank nor inside a comment. */
function firstCode(script: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (/\s/.test(script[i]!)) {
      i++;
      continue;
    }
    const c = script[i];
    const isComment = (c === "-" && script[i + 1] === "-") || (c === "/" && script[i + 1] === "*");
    if (!isComment) return i;
    i = skipQuotedOrComment(script, i);
  }
  return to;
}

function lineAt(script: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (script.charCodeAt(k) === 10) line++;
  return line;
}
