import { useState } from "react";
import type { Profile, ProfileDraft } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useSaveProfile, useTestConnection } from "./profiles.queries";

interface Props {
  existing?: Profile;
  onSaved(profile: Profile): void;
  onCancel(): void;
}

/** Add or edit a profile; Test connects with what is typed, before anything is saved. */
export function ProfileForm({ existing, onSaved, onCancel }: Props) {
  const [form, setForm] = useState({
    name: existing?.name ?? "",
    host: existing?.host ?? "localhost",
    port: String(existing?.port ?? 5432),
    database: existing?.database ?? "postgres",
    user: existing?.user ?? "postgres",
    password: "",
  });
  const save = useSaveProfile();
  const test = useTestConnection();
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const draft = (): ProfileDraft => ({
    name: form.name,
    host: form.host,
    port: Number(form.port),
    database: form.database,
    user: form.user,
    // an empty box on an existing profile keeps the stored password
    ...(form.password ? { password: form.password } : existing ? {} : { password: null }),
  });

  return (
    <form
      data-testid="profile-form"
      className="flex max-w-xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...(existing ? { id: existing.id } : {}), draft: draft() }, { onSuccess: onSaved });
      }}
    >
      <Field label="Name" name="name" value={form.name} onChange={set("name")} required />
      <div className="grid grid-cols-[1fr_8rem] gap-3">
        <Field label="Host" name="host" value={form.host} onChange={set("host")} required />
        <Field label="Port" name="port" type="number" value={form.port} onChange={set("port")} required />
      </div>
      <Field label="Database" name="database" value={form.database} onChange={set("database")} required />
      <Field label="User" name="user" value={form.user} onChange={set("user")} required />
      <Field
        label={existing?.hasPassword ? "Password (leave empty to keep the saved one)" : "Password"}
        name="password"
        type="password"
        autoComplete="off"
        value={form.password}
        onChange={set("password")}
      />
      <div className="flex gap-2">
        <Button data-testid="profile-test" onClick={() => test.mutate({ ...(existing ? { id: existing.id } : {}), draft: draft() })} disabled={test.isPending}>
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button variant="primary" type="submit" data-testid="profile-save" disabled={save.isPending}>
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      {test.data && (
        <div data-testid="test-result" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          Connected: PostgreSQL {test.data.serverVersion}, {test.data.latencyMs} ms
        </div>
      )}
      <ErrorMessage error={test.error ?? save.error} />
    </form>
  );
}
