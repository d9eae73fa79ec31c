import { useState } from "react";
import type { InputOf } from "../../../../../shared/contract";
import type { Cluster } from "../../../../../shared/contract/cluster";
import type { EnvironmentTag } from "../../../../../shared/contract/profiles";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { Field } from "../../../components/Field";
import { parseTags } from "../../profiles/profile-form.model";
import { useDiscoverCluster } from "../cluster.queries";

const EMPTY = {
  apiUrl: "",
  user: "postgres",
  password: "",
  database: "postgres",
  name: "",
  group: "",
  tags: "",
  environment: "",
  apiUser: "",
  apiPassword: "",
};
type DiscoverFields = typeof EMPTY;

/** The form's text as the channel's input; empty boxes send nothing (main's defaults apply). */
function discoverInput(f: DiscoverFields): InputOf<"cluster:discover"> {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const tags = parseTags(f.tags);
  return {
    apiUrl: f.apiUrl,
    user: f.user,
    database: f.database,
    ...(f.password ? { password: f.password } : {}),
    ...(opt(f.name) ? { name: opt(f.name) } : {}),
    ...(opt(f.group) ? { group: opt(f.group) } : {}),
    ...(tags.length ? { tags } : {}),
    ...(f.environment ? { environment: f.environment as EnvironmentTag } : {}),
    ...(opt(f.apiUser) ? { apiUser: opt(f.apiUser), apiPassword: f.apiPassword } : {}),
  };
}

/** One member's REST address and the PostgreSQL login: every member becomes a profile. */
export function DiscoverForm({
  onDiscovered,
  onCancel,
}: {
  onDiscovered(c: Cluster): void;
  onCancel(): void;
}) {
  const [f, setF] = useState(EMPTY);
  const discover = useDiscoverCluster();
  return (
    <form
      data-testid="cluster-discover"
      className="flex max-w-2xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        discover.mutate(discoverInput(f), { onSuccess: (r) => onDiscovered(r.cluster) });
      }}
    >
      <h2 className="font-semibold">Discover a Patroni cluster</h2>
      <DiscoverFieldset f={f} onChange={setF} />
      <div className="flex gap-2">
        <Button
          variant="primary"
          type="submit"
          data-testid="cluster-discover-run"
          disabled={discover.isPending}
        >
          {discover.isPending ? "Asking Patroni…" : "Discover"}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      <ErrorMessage error={discover.error} />
    </form>
  );
}

function DiscoverFieldset({ f, onChange }: { f: DiscoverFields; onChange(f: DiscoverFields): void }) {
  const set = (key: keyof DiscoverFields) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...f, [key]: e.target.value });
  const secret = { type: "password", autoComplete: "off" } as const;
  return (
    <>
      <Field
        label="Patroni REST address of any member"
        name="apiUrl"
        placeholder="http://10.0.0.5:8008"
        value={f.apiUrl}
        onChange={set("apiUrl")}
        required
      />
      <div className="grid grid-cols-3 gap-3">
        <Field label="PostgreSQL user" name="user" value={f.user} onChange={set("user")} required />
        <Field label="Password" name="password" {...secret} value={f.password} onChange={set("password")} />
        <Field label="Database" name="database" value={f.database} onChange={set("database")} required />
        <Field
          label="Cluster name (default: Patroni's scope)"
          name="name"
          value={f.name}
          onChange={set("name")}
        />
        <Field
          label="Folder (default: the cluster name)"
          name="group"
          value={f.group}
          onChange={set("group")}
        />
        <Field label="Tags (comma-separated)" name="tags" value={f.tags} onChange={set("tags")} />
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Environment</span>
          <select
            name="environment"
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={f.environment}
            onChange={set("environment")}
          >
            <option value="">none</option>
            <option value="development">development</option>
            <option value="staging">staging</option>
            <option value="production">production</option>
          </select>
        </label>
        <Field
          label="REST API user (if it asks)"
          name="apiUser"
          value={f.apiUser}
          onChange={set("apiUser")}
        />
        <Field
          label="REST API password"
          name="apiPassword"
          {...secret}
          value={f.apiPassword}
          onChange={set("apiPassword")}
        />
      </div>
    </>
  );
}
