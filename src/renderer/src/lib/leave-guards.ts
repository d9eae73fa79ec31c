/**
 * Before the user leaves a profile (switches to another, or disconnects), features that
 * hold something open there (an editor tab's transaction) may ask what to do. A guard
 * answers false to stay.
 */
export type LeaveGuard = (profileId: string) => Promise<boolean>;

const guards = new Set<LeaveGuard>();

export function addLeaveGuard(guard: LeaveGuard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

/** Asks every guard in turn; false as soon as one says stay. */
export async function mayLeaveProfile(profileId: string | undefined): Promise<boolean> {
  if (!profileId) return true;
  for (const guard of guards) if (!(await guard(profileId))) return false;
  return true;
}
