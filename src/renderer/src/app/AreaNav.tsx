import type { Profile } from "../../../shared/contract/profiles";
import type { AreaId } from "../lib/area";
import { ThemeSwitch } from "../features/theme";
import { areaFits, areas } from "./areas";
import { ProfileSwitcher } from "./ProfileSwitcher";

/** The left column: the profile switcher, one entry per area (those the profile cannot use disabled), the theme. */
export function AreaNav({
  profiles,
  profile,
  currentId,
  onOpen,
}: {
  profiles: Profile[];
  profile: Profile | undefined;
  currentId: AreaId;
  onOpen(id: AreaId): void;
}) {
  return (
    <nav
      aria-label="Areas"
      className="flex w-52 shrink-0 flex-col gap-1 border-r border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-3 px-2 text-lg font-semibold tracking-tight">pgdesk</div>
      <ProfileSwitcher profiles={profiles} />
      <ul className="mt-3 flex flex-col gap-0.5">
        {areas.map((a) => {
          const disabled = a.needsProfile && (!profile || !areaFits(a, profile.kind));
          return (
            <li key={a.id}>
              <button
                type="button"
                data-testid={`nav-${a.id}`}
                disabled={disabled}
                aria-current={a.id === currentId ? "page" : undefined}
                onClick={() => onOpen(a.id)}
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
  );
}
