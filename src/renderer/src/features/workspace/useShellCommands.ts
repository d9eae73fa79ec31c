import type { Profile } from "../../../../shared/contract/profiles";
import type { AreaId } from "../../lib/area";
import { openHelp, useCommandSource, type Command } from "../../lib/commands";
import { mayLeaveProfile } from "../../lib/leave-guards";

interface ShellTarget {
  areas: ReadonlyArray<{ id: AreaId; label: string; needsProfile: boolean }>;
  profiles: Profile[];
  profileId: string | undefined;
  openArea(area: AreaId): void;
  openProfile(id: string | undefined): void;
}

/** The palette's pages and profiles: every area, every profile (asking as the switcher does), the help sheet. */
export function useShellCommands(target: ShellTarget): void {
  useCommandSource("shell", () => shellCommands(target));
}

export function shellCommands(t: ShellTarget): Command[] {
  const pages = t.areas
    .filter((a) => !a.needsProfile || t.profileId)
    .map((a): Command => ({
      id: `go.${a.id}`,
      title: `Go to ${a.label}`,
      group: "Go to",
      run: () => t.openArea(a.id),
    }));
  const profiles = t.profiles
    .filter((p) => p.id !== t.profileId)
    .map((p): Command => ({
      id: `profile.${p.id}`,
      title: `Switch to ${p.name}${p.tag ? ` (${p.tag})` : ""}`,
      group: "Profile",
      run: async () => {
        if (await mayLeaveProfile(t.profileId)) t.openProfile(p.id);
      },
    }));
  return [
    ...pages,
    ...profiles,
    { id: "help.shortcuts", title: "Show keyboard shortcuts", group: "Help", shortcut: "F1", run: openHelp },
  ];
}
