import type { UiState } from "../../../../shared/contract/ui";
import type { AreaId } from "../../lib/area";

/**
 * Where the app opens: the last profile if it still exists, and the last page when it can
 * show (a page needing a profile only with one).
 */
export function restoredWorkspace(
  state: UiState,
  areas: ReadonlyArray<{ id: AreaId; needsProfile: boolean }>,
  profileIds: readonly string[],
): { profileId: string | undefined; area: AreaId | undefined } {
  const profileId =
    state.lastProfileId && profileIds.includes(state.lastProfileId) ? state.lastProfileId : undefined;
  const page = areas.find((a) => a.id === state.lastPage);
  const area = page && (profileId || !page.needsProfile) ? page.id : undefined;
  return { profileId, area };
}

/** Commands whose title or group holds every word of the query, best first (title start, then word start). */
export function filterCommands<T extends { title: string; group: string }>(
  commands: T[],
  query: string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  const scored = commands.flatMap((c) => {
    const text = `${c.title} ${c.group}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return [];
    const title = c.title.toLowerCase();
    const score = title.startsWith(words[0]!) ? 0 : new RegExp(`\\b${escape(words[0]!)}`).test(title) ? 1 : 2;
    return [{ c, score }];
  });
  return scored.sort((a, b) => a.score - b.score).map((x) => x.c);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
