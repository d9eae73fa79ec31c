import { useSignalAnswers } from "../signal-answers.store";

/** The server's latest answers to cancel and terminate, kept after their rows have gone. */
export function SignalAnswers() {
  const answers = useSignalAnswers((s) => s.answers);
  if (answers.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 text-xs" aria-label="Answers to cancel and terminate">
      {answers.map((x) => (
        <li key={x.pid} data-testid={`signal-${x.pid}`}>
          {x.kind} {x.pid}:{" "}
          <span
            className={x.signalled ? "text-green-700 dark:text-green-300" : "text-red-700 dark:text-red-300"}
            data-testid="signal-answer"
          >
            {x.message}
          </span>
        </li>
      ))}
    </ul>
  );
}
