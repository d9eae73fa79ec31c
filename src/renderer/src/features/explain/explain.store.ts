import { create } from "zustand";
import type { PlanModel } from "../../../../shared/explain/plan.model";

export interface PinnedPlan {
  plan: PlanModel;
  /** What the user will recognise it by: the statement, the time it ran. */
  label: string;
}

/** UI state only: the plan pinned for comparison, and what was pasted in the Plans area. */
interface ExplainUiState {
  pinned: PinnedPlan | null;
  pin(plan: PinnedPlan | null): void;
  pastedA: string;
  pastedB: string;
  setPasted(which: "a" | "b", text: string): void;
}

export const useExplainUi = create<ExplainUiState>((set) => ({
  pinned: null,
  pin: (pinned) => set({ pinned }),
  pastedA: "",
  pastedB: "",
  setPasted: (which, text) => set(which === "a" ? { pastedA: text } : { pastedB: text }),
}));
