import { create } from "zustand";

export interface AskChoice<Id extends string> {
  id: Id;
  label: string;
  variant?: "primary" | "secondary" | "danger";
}

export interface Question<Id extends string = string> {
  title: string;
  /** Plain text (server words render as text, never HTML); paragraphs by line. */
  body: string;
  /** Shown as code under the body (a statement), when there is one. */
  code?: string;
  choices: Array<AskChoice<Id>>;
  /** The data-testid of the dialog. */
  testId?: string;
}

interface Pending {
  question: Question;
  answer(choice: string): void;
}

interface AskState {
  pending: Pending[];
}

/** Questions waiting for the user, answered one at a time by <AskHost>. */
export const useAskStore = create<AskState>(() => ({ pending: [] }));

/**
 * Asks the user and resolves with the id of the choice, or "cancel" when the dialog was
 * dismissed (Escape). Callable from anywhere (a guard, a shortcut), not only from views.
 */
export function ask<Id extends string>(question: Question<Id>): Promise<Id | "cancel"> {
  return new Promise((resolve) => {
    const entry: Pending = {
      question: question as Question,
      answer: (choice) => {
        useAskStore.setState((s) => ({ pending: s.pending.filter((p) => p !== entry) }));
        resolve(choice as Id | "cancel");
      },
    };
    useAskStore.setState((s) => ({ pending: [...s.pending, entry] }));
  });
}
