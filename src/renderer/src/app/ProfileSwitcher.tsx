import type { Profile } from "../../../shared/contract/profiles";
import { mayLeaveProfile } from "../lib/leave-guards";
import { useUi } from "./ui.store";

export function ProfileSwitcher({ profiles }: { profiles: Profile[] }) {
  const { profileId, openProfile } = useUi();
  return (
    <label className="flex flex-col gap-1 px-2 text-xs text-slate-600 dark:text-slate-400">
      Profile
      <select
        data-testid="profile-switcher"
        value={profileId ?? ""}
        // a tab with an open transaction asks first; "stay" leaves the select where it was
        onChange={(e) => {
          const next = e.target.value || undefined;
          void mayLeaveProfile(profileId).then((ok) => ok && openProfile(next));
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
      >
        <option value="">Not connected</option>
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
