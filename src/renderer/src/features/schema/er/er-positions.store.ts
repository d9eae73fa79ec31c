import type { Positions } from "./er-layout";

/** Positions the user dragged tables to, remembered per profile in localStorage. */
const key = (profileId: string) => `pgdesk:er-positions:${profileId}`;

export function loadPositions(profileId: string): Positions {
  try {
    const raw = localStorage.getItem(key(profileId));
    return raw ? (JSON.parse(raw) as Positions) : {};
  } catch (err) {
    console.warn("ignoring unreadable saved ER positions", err);
    return {};
  }
}

export function savePosition(profileId: string, id: string, position: { x: number; y: number }): void {
  const all = loadPositions(profileId);
  all[id] = { x: Math.round(position.x), y: Math.round(position.y) };
  localStorage.setItem(key(profileId), JSON.stringify(all));
}

export function clearPositions(profileId: string): void {
  localStorage.removeItem(key(profileId));
}
