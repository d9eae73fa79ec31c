import { create } from "zustand";
import { withAnswer, type SignalAnswer } from "./activity.model";

export type { SignalAnswer } from "./activity.model";

/**
 * The server's answers to cancel/terminate, kept apart from the rows that asked: a
 * cancelled waiter leaves the blocking tree on the next refresh, its answer must not.
 */
export const useSignalAnswers = create<{ answers: SignalAnswer[]; add(a: SignalAnswer): void }>((set) => ({
  answers: [],
  add: (a) => set((s) => ({ answers: withAnswer(s.answers, a) })),
}));
