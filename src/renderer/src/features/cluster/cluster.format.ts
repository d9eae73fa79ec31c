/** Patroni sends LSNs as numbers; PostgreSQL writes them as two hex halves. */
export function lsnText(lsn: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  return `${hex(Math.floor(lsn / 2 ** 32))}/${hex(lsn % 2 ** 32)}`;
}
