/** How the fleet table words its numbers: short, and "—" where nothing was measured. */

export function formatSeconds(v: number | null | undefined): string {
  if (v == null) return "—";
  if (v < 1) return `${Math.round(v * 1000)} ms`;
  if (v < 90) return `${Math.round(v)} s`;
  if (v < 5400) return `${Math.round(v / 60)} min`;
  if (v < 172_800) return `${(v / 3600).toFixed(1)} h`;
  return `${(v / 86_400).toFixed(1)} d`;
}

export function formatLagBytes(v: number | null | undefined): string {
  if (v == null) return "—";
  if (v < 1024) return `${v} B`;
  if (v < 1024 ** 2) return `${(v / 1024).toFixed(0)} kB`;
  if (v < 1024 ** 3) return `${(v / 1024 ** 2).toFixed(1)} MB`;
  return `${(v / 1024 ** 3).toFixed(1)} GB`;
}

/** 1234567890 -> "1.23 B"; XID ages are read against a 2.1 billion limit. */
export function formatCount(v: number | undefined): string {
  if (v === undefined) return "—";
  if (v < 1000) return String(v);
  if (v < 1_000_000) return `${(v / 1000).toFixed(1)} k`;
  if (v < 1_000_000_000) return `${(v / 1_000_000).toFixed(1)} M`;
  return `${(v / 1_000_000_000).toFixed(2)} B`;
}

/** A backup's age when the row was probed: "none known" when pgdesk knows of none. */
export function formatAge(iso: string | null | undefined, now: number | undefined): string {
  if (iso === undefined || now === undefined) return "—";
  if (iso === null) return "none known";
  return `${formatSeconds(Math.max(0, (now - Date.parse(iso)) / 1000))} ago`;
}
