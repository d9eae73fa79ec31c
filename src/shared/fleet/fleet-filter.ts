import type { FleetRow, FleetState } from "../contract/fleet";

export interface FleetFilter {
  /** Exact group; "" = rows without a group; undefined = any. */
  group?: string;
  /** Rows carrying this tag (free tags, or the environment). */
  tag?: string;
  /** "problem" = anything not up and fine (critical or warn). */
  state?: FleetState | "problem";
  /** Words that must all appear in the name, address, cluster or role. */
  text?: string;
}

export function matchesFilter(row: FleetRow, f: FleetFilter): boolean {
  if (f.group !== undefined && (row.group ?? "") !== f.group) return false;
  if (f.tag && !row.tags.includes(f.tag) && row.environment !== f.tag) return false;
  if (
    f.state === "problem"
      ? row.severity !== "critical" && row.severity !== "warn"
      : f.state && row.state !== f.state
  )
    return false;
  const words = (f.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = [row.name, row.address, row.cluster?.name, row.cluster?.member, row.role, row.version]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filterRows(rows: FleetRow[], f: FleetFilter): FleetRow[] {
  return rows.filter((r) => matchesFilter(r, f));
}

/** The groups and tags to offer in the filter, sorted, each with how many rows carry it. */
export function facets(rows: FleetRow[]): { groups: Array<[string, number]>; tags: Array<[string, number]> } {
  const groups = new Map<string, number>();
  const tags = new Map<string, number>();
  for (const r of rows) {
    groups.set(r.group ?? "", (groups.get(r.group ?? "") ?? 0) + 1);
    for (const t of new Set([...r.tags, ...(r.environment ? [r.environment] : [])]))
      tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  return { groups: sorted(groups), tags: sorted(tags) };
}
