import { create } from "zustand";

export interface SignalAnswer {
  pid: number;
  kind: "cancel" | "terminate";
  message: string;
  signalled: boolean;
}

/**
 * The server's answers to cancel/terminate, kept apart from the rows that asked: a
 * cancelled waiter leaves the blocking tree on the next refresh, its answer must not.
 */
export const useSignalAnswers = create<{ answers: SignalAnswer[]; add(a: SignalAnswer): void }>((set) => ({
  answers: [],
  add: (a) => set((s) => ({ answers: [a, ...s.answers.filter((x) => x.pid !== a.pid)].slice(0, 5) })),
}));
