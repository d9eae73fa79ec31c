import type { Profile } from "../../../../shared/contract/profiles";

/** Profiles by folder: ungrouped ones first, then folders by name. */
export function byGroup(profiles: Profile[]): Array<[string, Profile[]]> {
  const groups = new Map<string, Profile[]>();
  for (const p of profiles) groups.set(p.group ?? "", [...(groups.get(p.group ?? "") ?? []), p]);
  return [...groups.entries()].sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
}

/** The line under a profile's name: where it connects and what differs from the defaults. */
export function profileSummary(p: Profile): string {
  const more = p.additionalHosts?.length ?? 0;
  return [
    `${p.user}@${p.host}:${p.port}/${p.database}`,
    more ? ` · +${more} host${more > 1 ? "s" : ""}` : "",
    p.targetSessionAttrs ? ` · ${p.targetSessionAttrs}` : "",
    p.sslmode && p.sslmode !== "prefer" ? ` · ${p.sslmode}` : "",
    p.readOnly ? " · read-only" : "",
  ].join("");
}
