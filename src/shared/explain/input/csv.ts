/**
 * Reads CSV records (RFC 4180: quoted fields may hold commas, newlines and doubled
 * quotes) from lines, starting at `start`; a record ends with the line that closes its
 * last quote.
 */
export function readCsvRecord(
  lines: Array<{ text: string }>,
  start: number,
  separator = ",",
): { fields: string[]; end: number } | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let inQuotes = false;
  let i = start;
  let line = lines[i]?.text;
  if (line === undefined) return null;
  for (let p = 0; ; p++) {
    if (p >= line.length) {
      if (!inQuotes) break;
      i++;
      if (i >= lines.length) return null;
      field += "\n";
      line = lines[i]!.text;
      p = -1;
      continue;
    }
    const ch = line[p]!;
    if (inQuotes) {
      if (ch !== '"') field += ch;
      else if (line[p + 1] === '"') {
        field += '"';
        p++;
      } else inQuotes = false;
    } else if (ch === '"' && field === "" && !quoted) {
      inQuotes = true;
      quoted = true;
    } else if (ch === separator) {
      fields.push(field);
      field = "";
      quoted = false;
    } else field += ch;
  }
  fields.push(field);
  return { fields, end: i + 1 };
}
