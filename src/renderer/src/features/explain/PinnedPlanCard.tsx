import { optionsText, type PinnedPlan } from "./explain.store";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** What a plan is: its statement, options, when and where it ran. */
export function PlanProvenance({
  sql,
  options,
  ranAt,
  profileName,
  testId,
}: Pick<PinnedPlan, "sql" | "options" | "ranAt" | "profileName"> & { testId: string }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid={testId}>
      <dt className="text-slate-600 dark:text-slate-400">Statement</dt>
      <dd>
        <pre className="max-h-20 overflow-auto font-mono whitespace-pre-wrap" data-testid={`${testId}-sql`}>
          {sql ?? "(not known)"}
        </pre>
      </dd>
      <dt className="text-slate-600 dark:text-slate-400">Options</dt>
      <dd data-testid={`${testId}-options`}>{optionsText(options)}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Ran</dt>
      <dd data-testid={`${testId}-when`}>{when(ranAt)}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Profile</dt>
      <dd data-testid={`${testId}-profile`}>{profileName ?? "—"}</dd>
    </dl>
  );
}

/** The plan pinned for comparison, labelled with what it is. */
export function PinnedPlanCard({ pinned, onUnpin }: { pinned: PinnedPlan; onUnpin(): void }) {
  return (
    <details
      className="rounded border border-violet-300 p-2 text-xs dark:border-violet-800"
      data-testid="pinned-plan"
    >
      <summary className="cursor-pointer">
        Pinned: {pinned.plan.nodes[0]!.label}
        {pinned.ranAt ? `, ran ${when(pinned.ranAt)}` : ""}
        <button type="button" className="ml-2 text-blue-700 underline dark:text-blue-300" onClick={onUnpin}>
          Unpin
        </button>
      </summary>
      <div className="mt-1">
        <PlanProvenance {...pinned} testId="pinned" />
      </div>
    </details>
  );
}
