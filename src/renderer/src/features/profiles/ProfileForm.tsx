import { useState } from "react";
import type { Profile } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { ApiError } from "../../lib/api-error";
import { SelectField } from "./components/SelectField";
import { SshFields } from "./SshFields";
import { PasteConnectionString } from "./PasteConnectionString";
import { applyImport, initialFormState, toDraft, type ProfileFormState } from "./profile-form.model";
import { useSaveProfile, useTestConnection } from "./profiles.queries";

interface Props {
  existing?: Profile;
  onSaved(profile: Profile): void;
  onCancel(): void;
}

const SSL_MODES = [
  { value: "disable", label: "disable: never encrypt" },
  { value: "allow", label: "allow: plain, TLS if the server insists" },
  { value: "prefer", label: "prefer: TLS if available (default)" },
  { value: "require", label: "require: encrypt, do not verify" },
  { value: "verify-ca", label: "verify-ca: encrypt, verify the CA" },
  { value: "verify-full", label: "verify-full: verify CA and host name" },
];
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
];

/** Add or edit a profile; Test connects with what is typed, before anything is saved. */
export function ProfileForm({ existing, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<ProfileFormState>(() => initialFormState(existing));
  const [warnings, setWarnings] = useState<string[]>([]);
  const save = useSaveProfile();
  const test = useTestConnection();
  const set = (key: keyof ProfileFormState) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({
      ...f,
      [key]: e.target.type === "checkbox" ? (e.target as HTMLInputElement).checked : e.target.value,
    }));
  const error = test.error ?? save.error;
  const badField = error instanceof ApiError ? error.data.field?.replace(/^draft\./, "") : undefined;
  const presentedKey =
    error instanceof ApiError && badField === "ssh.hostKey" ? error.data.detail : undefined;
  const invalid = (name: string) =>
    badField === name || badField?.startsWith(`${name}.`) ? { "aria-invalid": true as const } : {};
  const usesTls = form.sslmode !== "disable";

  return (
    <form
      data-testid="profile-form"
      className="flex max-w-2xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { ...(existing ? { id: existing.id } : {}), draft: toDraft(form, existing) },
          { onSuccess: onSaved },
        );
      }}
    >
      {!existing && (
        <PasteConnectionString
          onImported={(imported) => {
            setForm((f) => applyImport(f, imported));
            setWarnings(imported.warnings);
          }}
        />
      )}
      {warnings.length > 0 && (
        <ul
          data-testid="import-warnings"
          className="list-disc pl-5 text-xs text-amber-700 dark:text-amber-300"
        >
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
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
          existing?.hasPassword
            ? "Password (leave empty to keep the saved one)"
            : "Password (empty: ~/.pgpass is used)"
        }
        name="password"
        type="password"
        autoComplete="off"
        value={form.password}
        onChange={set("password")}
      />
      <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-800">
        <legend className="px-1 text-sm font-medium">TLS</legend>
        <SelectField
          label="sslmode"
          name="sslmode"
          value={form.sslmode}
          onChange={set("sslmode")}
          options={SSL_MODES}
          {...invalid("sslmode")}
        />
        {usesTls && (
          <>
            <Field
              label='CA certificate file (sslrootcert; "system" for the OS store)'
              name="sslRootCert"
              value={form.sslRootCert}
              onChange={set("sslRootCert")}
              {...invalid("sslRootCert")}
            />
            <div className="grid grid-cols-2 gap-3">
              <Field
                label="Client certificate file"
                name="sslCert"
                value={form.sslCert}
                onChange={set("sslCert")}
                {...invalid("sslCert")}
              />
              <Field
                label="Client key file"
                name="sslKey"
                value={form.sslKey}
                onChange={set("sslKey")}
                {...invalid("sslKey")}
              />
            </div>
            {form.sslKey.trim() !== "" && (
              <Field
                label={`Key passphrase (sslpassword; only for an encrypted key)${existing?.hasSslPassword ? " — leave empty to keep the saved one" : ""}`}
                name="sslPassword"
                type="password"
                autoComplete="off"
                value={form.sslPassword}
                onChange={set("sslPassword")}
                {...invalid("sslPassword")}
              />
            )}
          </>
        )}
      </fieldset>
      <SshFields
        form={form}
        hasSavedSecret={Boolean(existing?.hasSshSecret)}
        set={set}
        invalid={invalid}
        presentedKey={presentedKey}
        onTrust={(fingerprint) => {
          const next = { ...form, sshHostKey: fingerprint };
          setForm(next);
          test.mutate({ ...(existing ? { id: existing.id } : {}), draft: toDraft(next, existing) });
        }}
      />
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
      <div className="flex gap-2">
        <Button
          data-testid="profile-test"
          onClick={() =>
            test.mutate({ ...(existing ? { id: existing.id } : {}), draft: toDraft(form, existing) })
          }
          disabled={test.isPending}
        >
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button variant="primary" type="submit" data-testid="profile-save" disabled={save.isPending}>
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      {test.data && (
        <div
          data-testid="test-result"
          className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Connected: PostgreSQL {test.data.serverVersion}, {test.data.latencyMs} ms
          {test.data.tls && (
            <span data-testid="test-tls">
              {" · "}
              {test.data.tls.encrypted
                ? `TLS, certificate ${test.data.tls.verified === "none" ? "not verified" : `verified (${test.data.tls.verified})`}`
                : "not encrypted"}
            </span>
          )}
          {test.data.host && (
            <span data-testid="test-host">
              {" · on "}
              {test.data.host.includes(":") ? `[${test.data.host}]` : test.data.host}:{test.data.port}
            </span>
          )}
          {test.data.passwordSource && <span> · password from {test.data.passwordSource}</span>}
          {test.data.skipped?.map((f) => (
            <div
              key={`${f.host}:${f.port}`}
              data-testid="test-skipped"
              className="mt-1 text-xs text-slate-600 dark:text-slate-300"
            >
              passed over {f.host}:{f.port}: {f.reason}
            </div>
          ))}
          {test.data.warnings?.map((w) => (
            <div key={w} className="mt-1 text-xs text-amber-700 dark:text-amber-300">
              {w}
            </div>
          ))}
        </div>
      )}
      <ErrorMessage error={error} />
    </form>
  );
}
