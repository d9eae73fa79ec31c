import { count, plural } from "../../../../shared/format/plural";
import { ask } from "../../components/ask.store";
import { addLeaveGuard } from "../../lib/leave-guards";
import { runControllers, tabsHaveUnsavedTextNow } from "./query.queries";
import { useQueryTabs } from "./query-tabs.store";
import { transactionAgeText } from "./transaction.model";

const titleOf = (tabId: string) => useQueryTabs.getState().tabs.find((t) => t.id === tabId)?.title ?? "A tab";

/**
 * Switching away from a profile whose tabs hold open transactions asks what to do with
 * them: commit, roll back, keep them open in the background, or stay.
 */
addLeaveGuard(async (profileId) => {
  const open = runControllers.withOpenTransaction(profileId);
  if (open.length === 0) return true;
  const now = Date.now();
  const lines = open.map((c) => {
    const age = transactionAgeText(c.transactionAge, now);
    const state =
      c.transactionState === "failed" ? "failed transaction" : `open transaction${age ? ` (${age})` : ""}`;
    return `${titleOf(c.tabId)}: ${state}`;
  });
  const anyFailed = open.some((c) => c.transactionState === "failed");
  const choice = await ask({
    title: `${count(open.length, "tab")} ${plural(open.length, "has an open transaction", "have open transactions")}`,
    body: `${lines.join("\n")}\nIts locks stay held while it is open. What should happen before you switch?`,
    choices: [
      { id: "stay", label: "Stay here" },
      { id: "keep", label: "Keep open" },
      ...(anyFailed ? [] : [{ id: "commit" as const, label: "Commit", variant: "primary" as const }]),
      { id: "rollback", label: "Roll back", variant: "danger" },
    ],
    testId: "transaction-dialog",
  });
  if (choice === "stay" || choice === "cancel") return false;
  if (choice === "commit" || choice === "rollback") {
    for (const c of open) await c.endTransaction(choice);
  }
  return true;
});

// closing the window or reloading with an open transaction (rolled back by the server when
// the session closes) or typing not yet saved: the browser asks first
window.addEventListener("beforeunload", (e) => {
  if (runControllers.withOpenTransaction().length > 0 || tabsHaveUnsavedTextNow()) e.preventDefault();
});
