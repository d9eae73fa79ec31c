/**
 * Splits a list EXPLAIN printed with ", " between items ("Output: a, f(b, c), 'x, y'")
 * at the commas that are outside parentheses, brackets and quotes.
 */
export function splitExpressionList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote) {
      if (ch === quote) {
        if (value[i + 1] === quote) i++;
        else quote = null;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
    else if (ch === "," && depth === 0 && value[i + 1] === " ") {
      out.push(value.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  out.push(value.slice(start));
  return out;
}
