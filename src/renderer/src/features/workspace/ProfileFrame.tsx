import { useProfilePolicy } from "../query";

const frameColours: Record<string, string> = {
  production: "border-red-600",
  staging: "border-amber-500",
  development: "border-emerald-600",
  demo: "border-violet-600",
  untagged: "border-slate-500",
};

/** A coloured frame around every screen of a profile whose tag's safeguards ask for one (drawn over, never in the way). */
export function ProfileFrame({ profileId }: { profileId: string | undefined }) {
  const { tag, policy } = useProfilePolicy(profileId);
  if (!profileId || !policy.frame) return null;
  return (
    <div
      aria-hidden
      data-testid="profile-frame"
      data-tag={tag}
      className={`pointer-events-none fixed inset-0 z-40 border-4 ${frameColours[tag] ?? "border-red-600"}`}
    />
  );
}
