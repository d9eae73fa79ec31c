import { useEffect, useRef, useState } from "react";
import type { AreaId } from "../../lib/area";
import { useUi } from "../../app/ui.store";
import { restoredWorkspace } from "./workspace.model";
import { uiState } from "./workspace.queries";

/**
 * Opens the profile and page the user left (from the app's store), then remembers every
 * change. True once the restore is done (or failed: the app then starts as new).
 */
export function useRestoreWorkspace(
  areas: ReadonlyArray<{ id: AreaId; needsProfile: boolean }>,
  profileIds: readonly string[] | undefined,
): boolean {
  const [restored, setRestored] = useState(false);
  const started = useRef(false);
  const ready = profileIds !== undefined;
  const latest = useRef({ areas, profileIds });
  useEffect(() => {
    latest.current = { areas, profileIds };
  });
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    uiState
      .read()
      .then((state) => {
        const { profileId, area } = restoredWorkspace(
          state,
          latest.current.areas,
          latest.current.profileIds ?? [],
        );
        useUi.setState({ profileId, ...(area ? { area } : {}) });
      })
      .catch(() => undefined) // the store says why in its own banner
      .finally(() => setRestored(true));
  }, [ready]);
  useEffect(() => {
    if (!restored) return;
    return useUi.subscribe((next, prev) => {
      if (next.profileId === prev.profileId && next.area === prev.area) return;
      void uiState
        .write({ lastProfileId: next.profileId ?? null, lastPage: next.area })
        .catch(() => undefined);
    });
  }, [restored]);
  return restored;
}
