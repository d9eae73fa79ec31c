import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useSignalSession, type SignalKind } from "../activity.queries";
import { useSignalAnswers } from "../signal-answers.store";

/** Cancel / terminate with an explicit confirmation, then the server's answer. */
export function SignalButtons({
  profileId,
  pid,
  onDone,
}: {
  profileId: string;
  pid: number;
  onDone(): void;
}) {
  const [confirming, setConfirming] = useState<SignalKind | undefined>();
  const addAnswer = useSignalAnswers((s) => s.add);
  const signal = useSignalSession(profileId, pid, {
    onAnswer: (kind, answer) =>
      addAnswer({ pid, kind, message: answer.message, signalled: answer.signalled }),
    onSettled: () => {
      setConfirming(undefined);
      onDone();
    },
  });
  return (
    <div className="flex flex-col gap-1" data-testid={`signal-${pid}`}>
      {confirming ? (
        <div className="flex items-center gap-1 text-xs">
          <span>{confirming === "cancel" ? `Cancel the query of ${pid}?` : `End session ${pid}?`}</span>
          <Button
            variant="danger"
            onClick={() => signal.mutate(confirming)}
            disabled={signal.isPending}
            data-testid="confirm-signal"
          >
            Yes, {confirming}
          </Button>
          <Button onClick={() => setConfirming(undefined)}>No</Button>
        </div>
      ) : (
        <div className="flex gap-1">
          <Button onClick={() => setConfirming("cancel")} data-testid="cancel-session">
            Cancel
          </Button>
          <Button onClick={() => setConfirming("terminate")} data-testid="terminate-session">
            Terminate
          </Button>
        </div>
      )}
      {signal.error && <ErrorMessage error={signal.error} />}
    </div>
  );
}
