import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { Field } from "../../../components/Field";
import { parseTags } from "../../profiles/profile-form.model";
import { useLabelProfiles } from "../fleet.queries";

/** Group and tag the profiles the filter shows, in one write. */
export function LabelPanel({ ids, onDone }: { ids: string[]; onDone(): void }) {
  const [group, setGroup] = useState("");
  const [clearGroup, setClearGroup] = useState(false);
  const [add, setAdd] = useState("");
  const [remove, setRemove] = useState("");
  const label = useLabelProfiles();
  return (
    <form
      data-testid="fleet-label"
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        label.mutate(
          {
            ids,
            ...(clearGroup ? { group: null } : group.trim() ? { group: group.trim() } : {}),
            ...(parseTags(add).length ? { addTags: parseTags(add) } : {}),
            ...(parseTags(remove).length ? { removeTags: parseTags(remove) } : {}),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <span className="text-sm">Label the {ids.length} profiles shown:</span>
      <Field
        label="Move to group"
        name="label-group"
        value={group}
        disabled={clearGroup}
        onChange={(e) => setGroup(e.target.value)}
      />
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={clearGroup} onChange={(e) => setClearGroup(e.target.checked)} />
        no group
      </label>
      <Field label="Add tags" name="label-add" value={add} onChange={(e) => setAdd(e.target.value)} />
      <Field
        label="Remove tags"
        name="label-remove"
        value={remove}
        onChange={(e) => setRemove(e.target.value)}
      />
      <Button
        variant="primary"
        type="submit"
        data-testid="fleet-label-run"
        disabled={label.isPending || ids.length === 0}
      >
        Apply
      </Button>
      <Button onClick={onDone}>Close</Button>
      <ErrorMessage error={label.error} />
    </form>
  );
}
