import type { SourceLine } from "../text/rejoin";
import { readCsvRecord } from "./csv";
import { doc, type PlanDocument, type Taken } from "./document";

/** auto_explain's message: "duration: 12.345 ms  plan:" then the plan on the following lines. */
const PLAN_MESSAGE = /duration: ([\d.]+) ms\s+plan:\s*$/;
const CSV_LOG = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [A-Za-z+\-\d:]+,/;
const SYSLOG_PART = /^(.*?\[\d+-(\d+)\] )(.*)$/;
/** A line that starts another log entry (what log_line_prefix usually begins with, or a level). */
const LOG_START =
  /^(?:\d{4}-\d\d-\d\d[ T]\d|\[\d+\]|[A-Z][a-z]{2} [ \d]\d \d\d:|.*\b(?:LOG|ERROR|WARNING|NOTICE|INFO|FATAL|STATEMENT|DETAIL|HINT|CONTEXT|DEBUG\d?):\s)/;

function entry(lines: SourceLine[], origin: string, duration: string): PlanDocument {
  const d = doc(
    lines,
    `${origin}, duration ${duration} ms`,
    lines[0]?.no ?? 0,
    lines[lines.length - 1]?.no ?? 0,
  );
  return d;
}

/**
 * auto_explain entries from a server log: stderr (message lines after the first start
 * with a tab), syslog ("[12-2] #011" parts), csvlog (the message field, quoted) and
 * jsonlog (the "message" member), and NOTICEs as psql shows them.
 */
export function readLogEntry(lines: SourceLine[], i: number): Taken | null {
  const t = lines[i]!.text;
  if (t.startsWith("{") && t.includes('"message"')) return jsonlog(lines, i);
  if (CSV_LOG.test(t)) return csvlog(lines, i);
  const m = PLAN_MESSAGE.exec(t);
  if (!m) return null;
  const syslog = SYSLOG_PART.exec(t);
  if (syslog) return syslogEntry(lines, i, m[1]!);
  const body: SourceLine[] = [];
  let k = i + 1;
  for (; k < lines.length; k++) {
    const l = lines[k]!.text;
    if (l.trim() === "" || (!l.startsWith("\t") && LOG_START.test(l))) break;
    body.push({ text: l.startsWith("\t") ? l.slice(1) : l, no: lines[k]!.no });
  }
  if (body.length === 0) return null;
  const origin =
    /\bNOTICE:/.test(t) && !/^\S+ \S+ \S+ \[/.test(t) ? "auto_explain notice" : "auto_explain log entry";
  return { documents: [entry(body, origin, m[1]!)], end: k };
}

function syslogEntry(lines: SourceLine[], i: number, duration: string): Taken | null {
  const body: SourceLine[] = [];
  let k = i + 1;
  for (; k < lines.length; k++) {
    const part = SYSLOG_PART.exec(lines[k]!.text);
    if (!part || part[2] === "1") break;
    body.push({ text: part[3]!.replace(/^#011/, ""), no: lines[k]!.no });
  }
  return body.length
    ? { documents: [entry(body, "auto_explain log entry (syslog)", duration)], end: k }
    : null;
}

function messageDocument(message: string, no: number, origin: string): PlanDocument | null {
  const m = /^duration: ([\d.]+) ms\s+plan:\n/.exec(message);
  if (!m) return null;
  const body = message
    .slice(m[0].length)
    .split("\n")
    .map((text, k) => ({ text, no: no + k }));
  return entry(body, origin, m[1]!);
}

function csvlog(lines: SourceLine[], i: number): Taken | null {
  const rec = readCsvRecord(lines, i);
  // csvlog's 14th column is the message
  const message = rec?.fields[13];
  if (!rec || message === undefined) return null;
  const d = messageDocument(message, lines[i]!.no + 1, "auto_explain log entry (csvlog)");
  return d ? { documents: [d], end: rec.end } : null;
}

function jsonlog(lines: SourceLine[], i: number): Taken | null {
  let parsed: { message?: unknown };
  try {
    parsed = JSON.parse(lines[i]!.text) as { message?: unknown };
  } catch {
    return null;
  }
  if (typeof parsed.message !== "string") return null;
  const d = messageDocument(parsed.message, lines[i]!.no, "auto_explain log entry (jsonlog)");
  return d ? { documents: [d], end: i + 1 } : null;
}
