/** English plural of a counted word: plural(1, "row") is "row", plural(2, "row") is "rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** A number with its counted word, grouped for reading: count(1, "row") is "1 row", count(12345, "row") "12,345 rows". */
export function count(n: number, one: string, many?: string): string {
  return `${n.toLocaleString("en-US")} ${plural(n, one, many)}`;
}
