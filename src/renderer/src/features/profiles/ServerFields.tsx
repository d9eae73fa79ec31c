import { Field } from "../../components/Field";
import { SelectField } from "./components/SelectField";
import type { FormSectionProps } from "./form-section";

const TARGETS = [
  { value: "any", label: "any (default)" },
  { value: "read-write", label: "read-write: not a read-only session" },
  { value: "read-only", label: "read-only" },
  { value: "primary", label: "primary: not in recovery" },
  { value: "standby", label: "standby: in recovery" },
  { value: "prefer-standby", label: "prefer-standby: a standby if any" },
];
const TAGS = [
  { value: "", label: "none" },
  { value: "development", label: "development" },
  { value: "staging", label: "staging" },
  { value: "production", label: "production" },
  { value: "restore", label: "restore (a point-in-time copy)" },
];

/** Name and environment, then where the server is: host, port, further hosts tried in order. */
export function ServerFields({ form, set, invalid }: FormSectionProps) {
  return (
    <>
      <div className="grid grid-cols-[1fr_12rem] gap-3">
        <Field
          label="Name"
          name="name"
          value={form.name}
          onChange={set("name")}
          required
          {...invalid("name")}
        />
        <SelectField label="Environment" name="tag" value={form.tag} onChange={set("tag")} options={TAGS} />
      </div>
      <div className="grid grid-cols-[1fr_8rem] gap-3">
        <Field
          label="Host"
          name="host"
          value={form.host}
          onChange={set("host")}
          required
          {...invalid("host")}
        />
        <Field
          label="Port"
          name="port"
          type="number"
          value={form.port}
          onChange={set("port")}
          required
          {...invalid("port")}
        />
      </div>
      <MoreHostsFields form={form} set={set} invalid={invalid} />
    </>
  );
}

/** libpq's multi-host list, the kind of session to land on, and random spreading. */
function MoreHostsFields({ form, set, invalid }: FormSectionProps) {
  return (
    <>
      <div className="grid grid-cols-[1fr_16rem] items-end gap-3">
        <Field
          label="More hosts, tried in order (host:port, comma-separated)"
          name="additionalHosts"
          placeholder="standby.example.com:5432, 10.0.0.7"
          value={form.additionalHosts}
          onChange={set("additionalHosts")}
          {...invalid("additionalHosts")}
        />
        <SelectField
          label="target_session_attrs"
          name="targetSessionAttrs"
          value={form.targetSessionAttrs}
          onChange={set("targetSessionAttrs")}
          options={TARGETS}
          {...invalid("targetSessionAttrs")}
        />
      </div>
      {form.additionalHosts.trim() !== "" && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="loadBalanceRandom"
            data-testid="profile-load-balance"
            checked={form.loadBalanceRandom}
            onChange={set("loadBalanceRandom")}
          />
          Spread new connections over the hosts at random (load_balance_hosts=random)
        </label>
      )}
    </>
  );
}

/** Database, user and password; an empty password box keeps the saved one or falls back to ~/.pgpass. */
export function LoginFields({
  form,
  set,
  invalid,
  hasPassword,
}: FormSectionProps & { hasPassword: boolean }) {
  return (
    <>
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="Database"
          name="database"
          value={form.database}
          onChange={set("database")}
          required
          {...invalid("database")}
        />
        <Field
          label="User"
          name="user"
          value={form.user}
          onChange={set("user")}
          required
          {...invalid("user")}
        />
      </div>
      <Field
        label={
          hasPassword ? "Password (leave empty to keep the saved one)" : "Password (empty: ~/.pgpass is used)"
        }
        name="password"
        type="password"
        autoComplete="off"
        value={form.password}
        onChange={set("password")}
      />
    </>
  );
}
