import { typedValue } from "./value-types";

interface Line {
  indent: number;
  text: string;
}

/**
 * EXPLAIN (FORMAT YAML), which writes a small subset of YAML: "Key: value" maps by
 * indentation, "- " list items, strings always double-quoted with JSON escapes.
 */
export function parseExplainYaml(input: string): unknown {
  const lines: Line[] = input
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const text = l.trimEnd();
      const indent = text.length - text.trimStart().length;
      return { indent, text: text.trimStart() };
    });
  const state = { i: 0 };
  const value = block(lines, state, lines[0]?.indent ?? 0);
  if (state.i < lines.length) throw new Error(`unexpected YAML at "${lines[state.i]!.text}"`);
  return value;
}

function block(lines: Line[], state: { i: number }, indent: number): unknown {
  const first = lines[state.i];
  if (!first || first.indent !== indent) return null;
  return first.text.startsWith("- ") || first.text === "-"
    ? list(lines, state, indent)
    : map(lines, state, indent);
}

function list(lines: Line[], state: { i: number }, indent: number): unknown[] {
  const out: unknown[] = [];
  while (
    state.i < lines.length &&
    lines[state.i]!.indent === indent &&
    lines[state.i]!.text.startsWith("-")
  ) {
    const rest = lines[state.i]!.text.slice(1).trimStart();
    if (/^[A-Z][\w -]*?:(?: |$)/.test(rest) && !rest.startsWith('"')) {
      // a map whose first key sits after the dash: the item's keys are aligned with it
      lines[state.i] = { indent: indent + 2, text: rest };
      out.push(map(lines, state, indent + 2));
    } else {
      out.push(scalar("", rest));
      state.i++;
    }
  }
  return out;
}

function map(lines: Line[], state: { i: number }, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (
    state.i < lines.length &&
    lines[state.i]!.indent === indent &&
    !lines[state.i]!.text.startsWith("- ")
  ) {
    const text = lines[state.i]!.text;
    const m = /^(.+?):(?: (.*))?$/.exec(text);
    if (!m) throw new Error(`unexpected YAML at "${text}"`);
    const key = m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : m[1]!;
    state.i++;
    const rest = (m[2] ?? "").trim();
    if (rest !== "") out[key] = scalar(key, rest);
    else {
      const next = lines[state.i];
      out[key] = next && next.indent > indent ? block(lines, state, next.indent) : [];
    }
  }
  return out;
}

function scalar(key: string, text: string): unknown {
  // strings are JSON-quoted; a nested list (grouping sets) is written in flow style
  if (text.startsWith('"') || text.startsWith("[")) return JSON.parse(text) as unknown;
  return typedValue(key, text);
}
