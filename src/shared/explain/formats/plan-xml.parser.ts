import { typedValue } from "./value-types";

/** XML tag names EXPLAIN writes for keys that themselves hold a hyphen. */
const HYPHENATED: Record<string, string> = {
  "One-Time-Filter": "One-Time Filter",
  "Full-sort-Groups": "Full-sort Groups",
  "Pre-sorted-Groups": "Pre-sorted Groups",
};

/** Groups whose children are a list of objects in the JSON format. */
const OBJECT_LISTS = new Set(["Plans", "Triggers", "Workers", "Target Tables", "Grouping Sets"]);

interface Element {
  name: string;
  children: Element[];
  text: string;
}

// XML names allow no "/": "I/O Read Time" is written I-O-Read-Time
const keyOf = (tag: string) => HYPHENATED[tag] ?? tag.replace(/-/g, " ").replace(/\bI O\b/g, "I/O");

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === "lt"
      ? "<"
      : e === "gt"
        ? ">"
        : e === "amp"
          ? "&"
          : e === "quot"
            ? '"'
            : e === "apos"
              ? "'"
              : String.fromCodePoint(
                  e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
                ),
  );
}

/** Parses the element tree of EXPLAIN (FORMAT XML): no attributes that matter, no mixed content. */
function parseElements(xml: string): Element {
  const root: Element = { name: "#root", children: [], text: "" };
  const stack = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;
  for (const m of xml.replace(/<\?xml[^>]*\?>/, "").matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const el: Element = { name: m[2]!, children: [], text: "" };
    top.children.push(el);
    if (!m[4]) stack.push(el);
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

function valueOf(el: Element, key: string): unknown {
  if (OBJECT_LISTS.has(key)) return el.children.map((c) => objectOf(c));
  if (el.children.length === 0) return typedValue(key, el.text);
  if (el.children.every((c) => c.name === "Item")) return el.children.map((c) => typedValue(key, c.text));
  // Group Keys / Hash Keys: a list of key lists
  if (el.children.every((c) => c.name === el.children[0]!.name) && /Keys$/.test(key))
    return el.children.map((c) => c.children.map((i) => i.text));
  return objectOf(el);
}

/**
 * XML names a group by its kind, not its label, so two groups of one kind come out under
 * one tag: the JSON format's labels are given back by their order (a full-sort group is
 * always printed before a pre-sorted one, memory before disk).
 */
const REPEATED: Record<string, string[]> = {
  "Incremental Sort Groups": ["Full-sort Groups", "Pre-sorted Groups"],
  "Sort Space": ["Sort Space Memory", "Sort Space Disk"],
};

function objectOf(el: Element): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  for (const c of el.children) {
    let key = keyOf(c.name);
    const labels = REPEATED[key];
    if (labels) {
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      key = labels[n] ?? `${key} ${n + 1}`;
    }
    // settings keep their GUC names and text values
    out[key] =
      key === "Settings" ? Object.fromEntries(c.children.map((s) => [s.name, s.text])) : valueOf(c, key);
  }
  return out;
}

/** EXPLAIN (FORMAT XML): <explain><Query><Plan>…</Plan>…</Query></explain>, as the JSON format's structure. */
export function parseExplainXml(input: string): unknown {
  const root = parseElements(input);
  const explain = root.children.find((c) => c.name === "explain");
  if (!explain) throw new Error("XML: no <explain> element");
  return explain.children.filter((c) => c.name === "Query").map((q) => objectOf(q));
}
