import { ask } from "../../components/ask.store";
import type { RunController } from "./run-controller";
import { transactionAgeText } from "./transaction.model";

/**
 * Asks what to do with a tab's open transaction before it goes away (closing the tab, or
 * switching its database): commit, roll back, or stay. True once it is ended.
 */
export async function endTransactionAsked(
  controller: RunController,
  title: string,
  why: "close" | "database",
): Promise<boolean> {
  const failed = controller.transactionState === "failed";
  const age = transactionAgeText(controller.transactionAge, Date.now());
  const choice = await ask({
    title: `${title} has an open transaction`,
    body:
      `${failed ? "Its transaction failed" : `It has been in a transaction${age ? ` for ${age}` : ""}`}. ` +
      `${why === "close" ? "Closing the tab" : "Switching its database"} ends it: commit or roll back first.`,
    choices: [
      { id: "stay", label: why === "close" ? "Keep the tab" : "Stay" },
      ...(failed ? [] : [{ id: "commit" as const, label: "Commit", variant: "primary" as const }]),
      { id: "rollback", label: "Roll back", variant: "danger" },
    ],
    testId: "transaction-dialog",
  });
  if (choice === "stay" || choice === "cancel") return false;
  await controller.endTransaction(choice);
  return true;
}
