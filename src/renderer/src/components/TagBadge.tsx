/** The environment colour shown on every screen of a connection. */
const tagColours: Record<string, string> = {
  production: "bg-red-600 text-white",
  staging: "bg-amber-500 text-black",
  development: "bg-emerald-600 text-white",
  demo: "bg-violet-600 text-white",
  restore: "bg-sky-600 text-white",
};

export function TagBadge({ tag }: { tag: string }) {
  return (
    <span
      data-testid="profile-tag"
      className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${tagColours[tag] ?? ""}`}
    >
      {tag}
    </span>
  );
}
