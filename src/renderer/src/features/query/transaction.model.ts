import type { TransactionState } from "../../../../shared/contract/query";
import type { TransactionAge } from "./run-controller";

/** Seconds the transaction has been open now, from main's figure and when it arrived. */
export function transactionSeconds(age: TransactionAge | undefined, now: number): number | undefined {
  return age ? Math.max(0, Math.floor((age.ms + now - age.receivedAt) / 1000)) : undefined;
}

/** "45 s", "3 min 5 s", "2 h 1 min". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ""}`;
  const m = Math.floor((seconds % 3600) / 60);
  return `${Math.floor(seconds / 3600)} h${m ? ` ${m} min` : ""}`;
}

export function transactionAgeText(age: TransactionAge | undefined, now: number): string | undefined {
  const s = transactionSeconds(age, now);
  return s === undefined ? undefined : durationText(s);
}

export interface BadgeView {
  state: TransactionState | "running";
  label: string;
  /** Open longer than the profile's warning allows. */
  warn: boolean;
}

/** What the transaction badge says: the session's state from main, how long, and whether to warn. */
export function badgeView(input: {
  state: TransactionState;
  connected: boolean;
  running: boolean;
  age: TransactionAge | undefined;
  warnAfterSeconds: number | null;
  now: number;
}): BadgeView {
  if (input.running) return { state: "running", label: "running…", warn: false };
  const state = input.connected ? input.state : "unknown";
  const seconds = transactionSeconds(input.age, input.now);
  const long = input.warnAfterSeconds !== null && seconds !== undefined && seconds >= input.warnAfterSeconds;
  switch (state) {
    case "idle":
      return { state, label: "idle", warn: false };
    case "in-transaction":
      return {
        state,
        label: `in transaction${seconds !== undefined ? ` for ${durationText(seconds)}` : ""}${long ? " — locks are held until Commit or Rollback" : ""}`,
        warn: long,
      };
    case "failed":
      return { state, label: "transaction failed — Rollback to go on", warn: true };
    case "unknown":
      return { state, label: "not connected", warn: false };
  }
}
