import { Field } from "../../components/Field";
import { SelectField } from "./components/SelectField";
import type { FormSectionProps } from "./form-section";

const KINDS = [
  { value: "postgres", label: "PostgreSQL server" },
  { value: "pgbouncer", label: "PgBouncer admin console" },
];

/** Connect timeout, application_name, folder, tags, kind and read-only. */
export function BehaviourFields({ form, set, invalid }: FormSectionProps) {
  return (
    <fieldset className="grid grid-cols-3 gap-3 rounded border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">Behaviour</legend>
      <Field
        label="Connect timeout (s)"
        name="connectTimeoutSeconds"
        type="number"
        min={1}
        max={300}
        placeholder="10"
        value={form.connectTimeoutSeconds}
        onChange={set("connectTimeoutSeconds")}
        {...invalid("connectTimeoutSeconds")}
      />
      <Field
        label="application_name"
        name="applicationName"
        placeholder="pgdesk"
        value={form.applicationName}
        onChange={set("applicationName")}
        {...invalid("applicationName")}
      />
      <Field label="Folder" name="group" value={form.group} onChange={set("group")} />
      <Field
        label="Tags (comma-separated)"
        name="tags"
        value={form.tags}
        onChange={set("tags")}
        {...invalid("tags")}
      />
      <SelectField label="Kind" name="kind" value={form.kind} onChange={set("kind")} options={KINDS} />
      <label className="col-span-3 flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="readOnly"
          data-testid="profile-read-only"
          checked={form.readOnly}
          onChange={set("readOnly")}
        />
        Read-only: the server refuses every write in this profile's sessions
      </label>
    </fieldset>
  );
}
