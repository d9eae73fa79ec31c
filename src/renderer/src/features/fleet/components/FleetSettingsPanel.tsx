import { useState } from "react";
import type { FleetSettings } from "../../../../../shared/contract/fleet";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { Field } from "../../../components/Field";
import { useSaveFleetSettings } from "../fleet.queries";

/** How many probes at once, how long each server gets, how old a backup may be. */
export function FleetSettingsPanel({ settings, onDone }: { settings: FleetSettings; onDone(): void }) {
  const [draft, setDraft] = useState({
    concurrency: String(settings.concurrency),
    timeoutSeconds: String(settings.timeoutMs / 1000),
    backupMaxAgeHours: String(settings.backupMaxAgeHours),
  });
  const save = useSaveFleetSettings();
  return (
    <form
      data-testid="fleet-settings"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            concurrency: Number(draft.concurrency),
            timeoutMs: Math.round(Number(draft.timeoutSeconds) * 1000),
            backupMaxAgeHours: Number(draft.backupMaxAgeHours),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Field
        label="Probes at once"
        name="concurrency"
        type="number"
        value={draft.concurrency}
        onChange={(e) => setDraft({ ...draft, concurrency: e.target.value })}
      />
      <Field
        label="Per-server timeout (s)"
        name="timeoutSeconds"
        type="number"
        step="0.5"
        value={draft.timeoutSeconds}
        onChange={(e) => setDraft({ ...draft, timeoutSeconds: e.target.value })}
      />
      <Field
        label="Backup expected within (h)"
        name="backupMaxAgeHours"
        type="number"
        value={draft.backupMaxAgeHours}
        onChange={(e) => setDraft({ ...draft, backupMaxAgeHours: e.target.value })}
      />
      <Button variant="primary" type="submit" disabled={save.isPending}>
        Save
      </Button>
      <Button onClick={onDone}>Close</Button>
      <ErrorMessage error={save.error} />
    </form>
  );
}
