import type { SourceLine } from "../text/rejoin";

/**
 * Lines as the user meant them: any line break (CRLF, CR), a byte-order mark, and the
 * spaces chat and word processors substitute (no-break, narrow, figure, ideographic)
 * turned into plain ones; zero-width characters removed. Tabs stay: logs and troff use them.
 */
export function normalizeInput(input: string): SourceLine[] {
  const text = input
    .replace(/^\uFEFF/, "")
    .replace(/\u200B|\u200C|\u200D|\u2060|\uFEFF/g, "")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ");
  return text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, no: i + 1 }));
}

/** Tabs to spaces at stops of 8, so indentation made of tabs keeps its shape. */
export function expandTabs(text: string): string {
  if (!text.includes("\t")) return text;
  let out = "";
  for (const ch of text) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}
