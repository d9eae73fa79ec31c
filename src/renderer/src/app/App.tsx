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
import { ThemeSwitch, useTheme } from "../features/theme";
import { areaFits, areas } from "./areas";
import { ProfileSwitcher } from "./ProfileSwitcher";
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
      <nav
        aria-label="Areas"
        className="flex w-52 shrink-0 flex-col gap-1 border-r border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="mb-3 px-2 text-lg font-semibold tracking-tight">pgdesk</div>
        <ProfileSwitcher profiles={profiles.data ?? []} />
        <ul className="mt-3 flex flex-col gap-0.5">
          {areas.map((a) => {
            const disabled = a.needsProfile && (!profile || !areaFits(a, profile.kind));
            return (
              <li key={a.id}>
                <button
                  type="button"
                  data-testid={`nav-${a.id}`}
                  disabled={disabled}
                  aria-current={a.id === current.id ? "page" : undefined}
                  onClick={() => openArea(a.id)}
                  className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-200 disabled:cursor-not-allowed disabled:opacity-40 aria-[current=page]:bg-blue-600 aria-[current=page]:text-white dark:hover:bg-slate-800"
                >
                  {a.label}
                </button>
              </li>
            );
          })}
        </ul>
        <div className="mt-auto pt-3">
          <ThemeSwitch />
        </div>
      </nav>
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
