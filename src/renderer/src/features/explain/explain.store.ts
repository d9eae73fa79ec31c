import { create } from "zustand";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import type { PlanModel } from "../../../../shared/explain/plan.model";

/** A plan kept for comparison, with what the user will recognise it by. */
export interface PinnedPlan {
  plan: PlanModel;
  /** The statement it is the plan of (null for a pasted plan that did not carry it). */
  sql: string | null;
  /** The EXPLAIN options it ran with (null when pasted). */
  options: ExplainOptions | null;
  /** When it ran (ISO 8601), when pgdesk ran it. */
  ranAt: string | null;
  /** The profile it ran on, by name as the user saw it then. */
  profileName: string | null;
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

/** "ANALYZE, BUFFERS, VERBOSE" — the options that were on. */
export function optionsText(o: ExplainOptions | null): string {
  if (!o) return "—";
  const on: string[] = [];
  if (o.analyze) on.push("ANALYZE");
  if (o.buffers) on.push("BUFFERS");
  if (o.verbose) on.push("VERBOSE");
  if (o.settings) on.push("SETTINGS");
  if (o.wal) on.push("WAL");
  if (o.serialize) on.push("SERIALIZE");
  if (o.memory) on.push("MEMORY");
  return on.length ? on.join(", ") : "none (estimates only)";
}
