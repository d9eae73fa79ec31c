import { Button } from "../../components/Button";

/** Index advice for the audit table, with the statement to review (never run from here). */
export function AdviceList({ advice }: { advice: Array<{ message: string; sql: string }> }) {
  if (!advice.length) return null;
  return (
    <div
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
      data-testid="audit-advice"
    >
      {advice.map((a) => (
        <div key={a.sql} className="flex flex-col gap-1">
          <span>{a.message}</span>
          <div className="flex items-center gap-2">
            <code className="rounded bg-white px-2 py-1 text-xs dark:bg-slate-900">{a.sql}</code>
            <Button onClick={() => void navigator.clipboard.writeText(a.sql)}>Copy</Button>
          </div>
        </div>
      ))}
    </div>
  );
}
