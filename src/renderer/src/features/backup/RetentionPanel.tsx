import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RetentionPlan, RetentionPolicy } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { formatBytes } from "../../components/format";
import { call } from "../../lib/api";
import { backupKeys } from "./backup.queries";
import { useBackupUi } from "./backup.store";

/** Keep the last N backups per database, or those newer than D days; always previewed first. */
export function RetentionPanel() {
  const { folder } = useBackupUi();
  const client = useQueryClient();
  const [keepLast, setKeepLast] = useState("");
  const [days, setDays] = useState("30");
  const [plan, setPlan] = useState<{ policy: RetentionPolicy; result: RetentionPlan } | undefined>();
  const [error, setError] = useState<unknown>();
  if (!folder) return null;
  const policy = (): RetentionPolicy => ({
    ...(keepLast ? { keepLast: Number(keepLast) } : {}),
    ...(days ? { newerThanDays: Number(days) } : {}),
  });
  const preview = async () => {
    setError(undefined);
    try {
      const p = policy();
      setPlan({ policy: p, result: await call("backup:retentionPreview", { folder, policy: p }) });
    } catch (err) {
      setError(err);
    }
  };
  const apply = async () => {
    if (!plan) return;
    setError(undefined);
    try {
      await call("backup:retentionApply", {
        folder,
        policy: plan.policy,
        files: plan.result.remove.map((r) => r.file),
      });
      setPlan(undefined);
      await client.invalidateQueries({ queryKey: backupKeys.list(folder) });
    } catch (err) {
      setError(err);
    }
  };
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
          onChange={(e) => setKeepLast(e.target.value.replace(/\D/g, ""))}
        />
        <Field
          label="Or newer than (days)"
          value={days}
          onChange={(e) => setDays(e.target.value.replace(/\D/g, ""))}
        />
        <Button onClick={() => void preview()} disabled={!keepLast && !days}>
          Preview
        </Button>
      </div>
      {plan && (
        <div data-testid="retention-preview">
          {plan.result.remove.length === 0 ? (
            <p className="text-slate-500">Nothing would be deleted.</p>
          ) : (
            <>
              <p>These {plan.result.remove.length} backups would be deleted:</p>
              <ul className="ml-4 list-disc font-mono text-xs">
                {plan.result.remove.map((r) => (
                  <li key={r.file}>
                    {r.file} ({formatBytes(r.size)}, {new Date(r.createdAt).toLocaleString()})
                  </li>
                ))}
              </ul>
              <Button variant="danger" className="mt-2" onClick={() => void apply()}>
                Delete {plan.result.remove.length} backups
              </Button>
            </>
          )}
        </div>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
