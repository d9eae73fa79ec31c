import { useState } from "react";
import type { RetentionPlan } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { formatBytes } from "../../components/format";
import { digitsOnly } from "./backup-form.model";
import { useApplyRetention, useRetentionPreview } from "./backup.queries";
import { useBackupUi } from "./backup.store";
import { hasRetentionLimit, retentionPolicy } from "./retention.model";
import { count } from "../../../../shared/format/plural";

/** Keep the last N backups per database, or those newer than D days; always previewed first. */
export function RetentionPanel() {
  const { folder } = useBackupUi();
  const [keepLast, setKeepLast] = useState("");
  const [days, setDays] = useState("30");
  const preview = useRetentionPreview();
  const apply = useApplyRetention();
  if (!folder) return null;
  // the plan shown is the last one previewed for this folder, gone once its deletion starts
  // (it comes back if the deletion fails)
  const plan =
    preview.data && preview.variables?.folder === folder && (apply.isIdle || apply.isError)
      ? { policy: preview.variables.policy, result: preview.data }
      : undefined;
  return (
    <section
      className="flex flex-col gap-2 rounded border border-slate-200 p-4 text-sm dark:border-slate-800"
      data-testid="retention-panel"
    >
      <h2 className="font-semibold">Retention</h2>
      <div className="flex items-end gap-2">
        <Field
          label="Keep last (per database)"
          value={keepLast}
          onChange={(e) => setKeepLast(digitsOnly(e.target.value))}
        />
        <Field
          label="Or newer than (days)"
          value={days}
          onChange={(e) => setDays(digitsOnly(e.target.value))}
        />
        <Button
          onClick={() => {
            apply.reset();
            preview.mutate({ folder, policy: retentionPolicy(keepLast, days) });
          }}
          disabled={!hasRetentionLimit(keepLast, days)}
        >
          Preview
        </Button>
      </div>
      {plan && (
        <RetentionPreview
          plan={plan.result}
          onDelete={() =>
            apply.mutate({ folder, policy: plan.policy, files: plan.result.remove.map((r) => r.file) })
          }
        />
      )}
      <ErrorMessage error={apply.error ?? preview.error} />
    </section>
  );
}

/** The files the policy would delete, and the one button that deletes exactly those. */
function RetentionPreview({ plan, onDelete }: { plan: RetentionPlan; onDelete(): void }) {
  return (
    <div data-testid="retention-preview">
      {plan.remove.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing would be deleted.</p>
      ) : (
        <>
          <p>
            {plan.remove.length === 1 ? "This backup" : `These ${count(plan.remove.length, "backup")}`} would
            be deleted:
          </p>
          <ul className="ml-4 list-disc font-mono text-xs">
            {plan.remove.map((r) => (
              <li key={r.file}>
                {r.file} ({formatBytes(r.size)}, {new Date(r.createdAt).toLocaleString()})
              </li>
            ))}
          </ul>
          <Button variant="danger" className="mt-2" onClick={onDelete}>
            Delete {count(plan.remove.length, "backup")}
          </Button>
        </>
      )}
    </div>
  );
}
