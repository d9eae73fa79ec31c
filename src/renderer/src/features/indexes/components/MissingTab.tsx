import type { IndexReport } from "../../../../../shared/contract/indexes";
import { Button } from "../../../components/Button";
import { evidenceTotals } from "../index-tabs.model";
import { SqlActions } from "./SqlActions";
import { count } from "../../../../../shared/format/plural";

type Suggestion = IndexReport["missing"]["suggestions"][number];

/** Suggestions with their evidence, the tables read sequentially, and the hypopg proof on demand. */
export function MissingTab(props: {
  report: IndexReport;
  profileId: string;
  whatIf: boolean;
  onWhatIf(): void;
  proving: boolean;
}) {
  const { report, profileId } = props;
  const m = report.missing;
  return (
    <div className="flex flex-col gap-3" data-testid="missing">
      {!m.statements.available && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="statements-unavailable"
        >
          {m.statements.message}
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button onClick={props.onWhatIf} disabled={props.proving} data-testid="what-if">
          {props.proving ? "Planning with hypothetical indexes…" : "Prove with hypopg"}
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="what-if-status">
          {m.whatIf.state === "not-run"
            ? "Plans each suggestion's statements with a hypothetical index (creates the hypopg extension if it is available)."
            : m.whatIf.message}
        </span>
      </div>
      {m.suggestions.length === 0 && <p className="text-sm">No missing-index suggestion.</p>}
      {m.suggestions.map((s) => (
        <SuggestionCard key={s.id} s={s} profileId={profileId} />
      ))}
      {m.dropped.length > 0 && (
        <details data-testid="dropped">
          <summary className="cursor-pointer text-sm">
            {count(m.dropped.length, "suggestion")} dropped: the hypothetical index did not lower the
            estimated cost
          </summary>
          {m.dropped.map((s) => (
            <p key={s.id} className="text-xs">
              {s.schema}.{s.table} ({s.columns.join(", ")}): cost {s.whatIf?.costBefore} →{" "}
              {s.whatIf?.costAfter}
            </p>
          ))}
        </details>
      )}
      <h3 className="mt-2 font-semibold">Tables read sequentially</h3>
      <SeqScanTables report={report} />
    </div>
  );
}

/** Tables past all three thresholds (sequential scans, rows, index share), or the thresholds in words. */
function SeqScanTables({ report }: { report: IndexReport }) {
  const m = report.missing;
  if (m.seqScanTables.length === 0) {
    return (
      <p className="text-sm">
        No table with at least {report.thresholds.seqScanMin.toLocaleString()} sequential scans,{" "}
        {count(report.thresholds.minRows, "row")} and under{" "}
        {Math.round(report.thresholds.maxIndexScanShare * 100)}% index scans.
      </p>
    );
  }
  return (
    <table className="w-full max-w-4xl text-sm [&_td]:px-2 [&_th]:px-2" data-testid="seq-scan-tables">
      <thead className="text-left text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1">Table</th>
          <th className="py-1 text-right">Seq scans</th>
          <th className="py-1 text-right">Rows per seq scan</th>
          <th className="py-1 text-right">Index scans</th>
          <th className="py-1 text-right">Index share</th>
          <th className="py-1 text-right">Live rows</th>
        </tr>
      </thead>
      <tbody>
        {m.seqScanTables.map((t) => (
          <tr key={`${t.schema}.${t.table}`} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1">
              {t.schema}.{t.table}
            </td>
            <td className="py-1 text-right tabular-nums">{t.seqScans.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{t.rowsPerSeqScan.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{t.indexScans.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{Math.round(t.indexScanShare * 100)}%</td>
            <td className="py-1 text-right tabular-nums">{t.liveRows.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SuggestionCard({ s, profileId }: { s: Suggestion; profileId: string }) {
  const { calls, timeMs: time } = evidenceTotals(s);
  return (
    <article
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 dark:border-slate-800"
      data-testid="suggestion"
    >
      <h3 className="font-medium">
        {s.schema}.{s.table} ({s.columns.join(", ")}){" "}
        <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
          {s.kind} · {calls.toLocaleString()} calls · {Math.round(time).toLocaleString()} ms total
        </span>
      </h3>
      <p className="text-sm">{s.reason}</p>
      {s.requiresExtension && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Needs the {s.requiresExtension} extension (CREATE EXTENSION {s.requiresExtension}).
        </p>
      )}
      {s.whatIf && (
        <p className="text-sm" data-testid="what-if-cost">
          Estimated cost of the evidence: {s.whatIf.costBefore} → {s.whatIf.costAfter} (
          {count(s.whatIf.plannedStatements, "statement")} planned
          {s.whatIf.usedByPlanner ? ", index used" : ""})
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-xs">
          Evidence: {count(s.evidence.length, "statement")}
        </summary>
        <ul className="mt-1 flex flex-col gap-1">
          {s.evidence.map((e) => (
            <li key={e.queryId} className="text-xs">
              <code className="font-mono">{e.query}</code>
              <span className="ml-2 text-slate-600 dark:text-slate-400">
                {e.calls.toLocaleString()} calls, {e.totalTimeMs.toFixed(1)} ms total,{" "}
                {e.meanTimeMs.toFixed(2)} ms mean
              </span>
            </li>
          ))}
        </ul>
      </details>
      <SqlActions profileId={profileId} sql={s.create.sql} label="Create" />
    </article>
  );
}
