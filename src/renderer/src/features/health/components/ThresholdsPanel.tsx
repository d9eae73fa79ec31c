import { useState } from "react";
import type { HealthThresholds } from "../../../../../shared/contract/health";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { thresholdValues } from "../health.model";
import { thresholdLabels } from "../threshold-labels";
import { useSaveThresholds, useThresholds } from "../health.queries";

/** Every threshold of the profile, editable; saved per profile in main. */
export function ThresholdsPanel({ profileId }: { profileId: string }) {
  const [open, setOpen] = useState(false);
  const [edits, setEdits] = useState<Partial<Record<keyof HealthThresholds, string>>>({});
  const current = useThresholds(profileId, open);
  const save = useSaveThresholds(profileId, () => setEdits({}));
  return (
    <details
      className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer font-medium">Thresholds</summary>
      {current.error && <ErrorMessage error={current.error} />}
      {save.error && <ErrorMessage error={save.error} />}
      {current.data && (
        <form
          className="mt-2 flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ thresholds: thresholdValues(edits), reset: false });
          }}
        >
          <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
            {(Object.keys(current.data.defaults) as Array<keyof HealthThresholds>).map((k) => (
              <label key={k} className="flex flex-col text-xs" data-testid={`threshold-${k}`}>
                <span>
                  {thresholdLabels[k].label}{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    ({thresholdLabels[k].unit}; default {current.data.defaults[k].toLocaleString("en-US")})
                  </span>
                </span>
                <input
                  className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                  inputMode="decimal"
                  value={edits[k] ?? String(current.data.thresholds[k])}
                  onChange={(e) => setEdits({ ...edits, [k]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={save.isPending}>
              Save thresholds
            </Button>
            <Button onClick={() => save.mutate({ thresholds: {}, reset: true })} disabled={save.isPending}>
              Reset to defaults
            </Button>
          </div>
        </form>
      )}
    </details>
  );
}
