import { useEffect, useRef } from "react";
import type { TagPolicy } from "../../../../shared/safeguards/tag-policy";
import { ask } from "../../components/ask.store";
import type { PendingConfirmation, RunController } from "./run-controller";

/**
 * The questions a run leaves for the user: the safeguards stopped a statement (run it or
 * not), or the tag keeps every run in a transaction (commit, roll back or keep it open).
 */
export function useTabQuestions(controller: RunController, policy: { tag: string; policy: TagPolicy }): void {
  const asked = useRef<PendingConfirmation | undefined>(undefined);
  const pending = controller.pendingConfirmation;
  useEffect(() => {
    if (!pending || asked.current === pending) return;
    asked.current = pending;
    void ask(confirmationQuestion(pending)).then((choice) => controller.answerConfirmation(choice === "run"));
  }, [pending, controller]);

  const commitAsked = useRef<string | undefined>(undefined);
  const summary = controller.summary;
  useEffect(() => {
    if (!summary || commitAsked.current === summary.runId || controller.running) return;
    commitAsked.current = summary.runId;
    const wrote = summary.results.some((r) => (r.kind === "write" || r.kind === "ddl") && !r.error);
    if (!policy.policy.alwaysInTransaction || summary.transactionState !== "in-transaction" || !wrote) return;
    void ask({
      title: "Commit these changes?",
      body: `Profiles tagged ${policy.tag} run every statement inside a transaction. It is still open: its changes are seen by no one else until you commit.`,
      choices: [
        { id: "keep", label: "Keep it open" },
        { id: "rollback", label: "Roll back", variant: "danger" },
        { id: "commit", label: "Commit", variant: "primary" },
      ],
      testId: "commit-question",
    }).then((choice) => {
      if (choice === "commit" || choice === "rollback") void controller.endTransaction(choice);
    });
  }, [summary, controller, policy]);
}

function confirmationQuestion({ request, result }: PendingConfirmation) {
  const c = result.confirmation!;
  const estimate =
    c.estimatedRows !== null
      ? `Estimated rows written (plain EXPLAIN, nothing ran): ${Math.round(c.estimatedRows).toLocaleString("en-US")}.`
      : c.estimateUnavailable
        ? `No estimate: ${c.estimateUnavailable}.`
        : "";
  return {
    title: `Run this on a ${c.policyTag} profile?`,
    body: [...c.reasons.map((r) => `• ${r}`), estimate, "It has not run, nor anything after it."]
      .filter(Boolean)
      .join("\n"),
    code: request.sql.slice(result.start, result.end),
    choices: [
      { id: "cancel" as const, label: "Don't run it" },
      { id: "run" as const, label: "Run it", variant: "danger" as const },
    ],
    testId: "confirm-statement",
  };
}
