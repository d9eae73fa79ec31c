import { create } from "zustand";
import type { AreaId } from "../lib/area";
import { areaAfterSwitch } from "./ui.model";

/** UI state only: which profile and area are open. Server data lives in react-query. */
interface UiState {
  profileId: string | undefined;
  area: AreaId;
  openProfile(id: string | undefined): void;
  openArea(area: AreaId): void;
}

export const useUi = create<UiState>((set) => ({
  profileId: undefined,
  area: "connections",
  openProfile: (profileId) => set((s) => ({ profileId, area: areaAfterSwitch(s.area, profileId) })),
  openArea: (area) => set({ area }),
}));
