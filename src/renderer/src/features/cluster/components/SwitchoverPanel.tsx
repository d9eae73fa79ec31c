import { useState } from "react";
import type { ClusterStatus, MemberState, SwitchoverResult } from "../../../../../shared/contract/cluster";
import { confirmationText, needsTypedConfirmation } from "../../../../../shared/cluster/confirmation";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useSwitchover } from "../cluster.queries";

const selectClass =
  "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/**
 * Pick a running replica; a production cluster asks for its name typed before the button
 * works. The answer is Patroni's own, with who leads afterwards.
 */
export function SwitchoverPanel({ status }: { status: ClusterStatus }) {
  const c = status.cluster;
  const candidates = status.members.filter(
    (m) => m.name !== status.leader && m.role !== "absent" && ["running", "streaming"].includes(m.state),
  );
  const [candidate, setCandidate] = useState("");
  const [confirm, setConfirm] = useState("");
  const [asking, setAsking] = useState(false);
  const switchover = useSwitchover(c.id);
  const typed = needsTypedConfirmation(c);
  const chosen = candidates.some((m) => m.name === candidate) ? candidate : "";
  const ready = Boolean(chosen) && (!typed || confirm === confirmationText(c));
  const run = () =>
    switchover.mutate(
      { candidate: chosen, ...(typed ? { confirm } : {}) },
      { onSettled: () => (setAsking(false), setConfirm("")) },
    );
  return (
    <section
      data-testid="switchover"
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 dark:border-slate-800"
    >
      <h2 className="font-semibold">Switchover</h2>
      {!status.leader && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No leader right now: a switchover needs one.
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <CandidateSelect
          candidates={candidates}
          value={chosen}
          onChange={(name) => (setCandidate(name), setAsking(false))}
        />
        {!asking ? (
          <Button
            data-testid="switchover-start"
            disabled={!chosen || !status.leader}
            onClick={() => setAsking(true)}
          >
            Switch over…
          </Button>
        ) : (
          <>
            {typed && (
              <label className="flex flex-col gap-1 text-sm">
                <span className="text-red-700 dark:text-red-300">
                  Production: type <strong>{confirmationText(c)}</strong> to confirm
                </span>
                <input
                  data-testid="switchover-confirm"
                  className="rounded border border-red-400 bg-white px-2 py-1 dark:bg-slate-900"
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                />
              </label>
            )}
            <Button
              variant="danger"
              data-testid="switchover-run"
              disabled={!ready || switchover.isPending}
              onClick={run}
            >
              {switchover.isPending ? "Switching…" : `Make ${chosen} the leader`}
            </Button>
            <Button onClick={() => setAsking(false)}>Cancel</Button>
          </>
        )}
      </div>
      {switchover.data && <ResultLine result={switchover.data} />}
      <ErrorMessage error={switchover.error} />
    </section>
  );
}

function CandidateSelect({
  candidates,
  value,
  onChange,
}: {
  candidates: MemberState[];
  value: string;
  onChange(name: string): void;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-slate-600 dark:text-slate-400">New leader</span>
      <select
        data-testid="switchover-candidate"
        className={selectClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">choose a replica</option>
        {candidates.map((m) => (
          <option key={m.name} value={m.name}>
            {m.name} ({m.role}, lag {m.lagBytes ?? "unknown"})
          </option>
        ))}
      </select>
    </label>
  );
}

function ResultLine({ result: r }: { result: SwitchoverResult }) {
  return (
    <p
      data-testid="switchover-result"
      data-ok={r.ok ? "yes" : "no"}
      className={
        r.ok ? "text-sm text-emerald-800 dark:text-emerald-300" : "text-sm text-red-800 dark:text-red-300"
      }
    >
      {r.ok ? "Done" : "Not done"}: Patroni answered “{r.message}” (HTTP {r.httpStatus}) after{" "}
      {(r.tookMs / 1000).toFixed(1)} s; leader was {r.previousLeader}, now {r.newLeader ?? "unknown"}.
    </p>
  );
}
