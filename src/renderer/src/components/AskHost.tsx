import { Button } from "./Button";
import { useAskStore } from "./ask.store";
import { Modal } from "./Modal";

/** Shows the oldest pending question (see ask()); rendered once by the app shell. */
export function AskHost() {
  const current = useAskStore((s) => s.pending[0]);
  if (!current) return null;
  const { question, answer } = current;
  return (
    <Modal title={question.title} onClose={() => answer("cancel")} testId={question.testId ?? "ask-dialog"}>
      {question.body.split("\n").map((line, i) => (
        <p key={i} className="whitespace-pre-wrap">
          {line}
        </p>
      ))}
      {question.code !== undefined && (
        <pre
          className="max-h-60 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800"
          data-testid="ask-code"
        >
          {question.code}
        </pre>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        {question.choices.map((c, i) => (
          <Button
            key={c.id}
            variant={c.variant ?? "secondary"}
            autoFocus={i === question.choices.length - 1}
            onClick={() => answer(c.id)}
            data-testid={`ask-${c.id}`}
          >
            {c.label}
          </Button>
        ))}
      </div>
    </Modal>
  );
}
