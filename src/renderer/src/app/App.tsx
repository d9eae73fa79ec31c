import { ScheduleFailureBanner } from "../features/backup";
import { ConnectionStatusBanner, useProfiles } from "../features/profiles";
import { StoreNoticeBanner } from "../features/store";
import {
  CommandPalette,
  DatabaseSwitcher,
  HelpSheet,
  ProfileFrame,
  useGlobalShortcuts,
  useRestoreWorkspace,
  useShellCommands,
} from "../features/workspace";
import { AskHost } from "../components/AskHost";
import { TagBadge } from "../components/TagBadge";
import { useTheme } from "../features/theme";
import { areaFits, areas } from "./areas";
import { AreaNav } from "./AreaNav";
import { useUi } from "./ui.store";

export function App() {
  const { profileId, area, openArea, openProfile } = useUi();
  const profiles = useProfiles();
  const profile = profiles.data?.find((p) => p.id === profileId);
  const chosen = areas.find((a) => a.id === area) ?? areas[0];
  // a profile opened from the switcher lands on Overview: a PgBouncer console shows its Pooler page instead
  const current =
    profile && !areaFits(chosen, profile.kind)
      ? areas.find((a) => a.id === (profile.kind === "pgbouncer" ? "pooler" : "overview"))!
      : chosen;
  const restored = useRestoreWorkspace(
    areas,
    profiles.data?.map((p) => p.id),
  );
  useGlobalShortcuts();
  useTheme();
  useShellCommands({ areas, profiles: profiles.data ?? [], profileId, openArea, openProfile });

  return (
    <div className="flex h-full">
      <AreaNav profiles={profiles.data ?? []} profile={profile} currentId={current.id} onOpen={openArea} />
      <main className="flex min-w-0 flex-1 flex-col">
        <StoreNoticeBanner />
        <ScheduleFailureBanner
          onOpenBackups={(id) => {
            openProfile(id);
            openArea("backups");
          }}
        />
        {profile && (
          <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
            <span className="font-medium" data-testid="current-profile">
              {profile.name}
            </span>
            <span className="text-slate-600 dark:text-slate-400">
              {profile.user}@{profile.host}:{profile.port}/
            </span>
            <DatabaseSwitcher profileId={profile.id} fallback={profile.database} />
            {profile.tag && <TagBadge tag={profile.tag} />}
          </header>
        )}
        {profile && <ConnectionStatusBanner profileId={profile.id} />}
        <div className="min-h-0 flex-1 overflow-auto p-4">
          {!restored ? null : current.needsProfile ? (
            profile ? (
              <current.Page profileId={profile.id} />
            ) : null
          ) : (
            <current.Page profileId={profile?.id ?? ""} />
          )}
        </div>
      </main>
      <ProfileFrame profileId={profile?.id} />
      <AskHost />
      <CommandPalette />
      <HelpSheet />
    </div>
  );
}
