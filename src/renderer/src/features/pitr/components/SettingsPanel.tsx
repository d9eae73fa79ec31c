import { useState } from "react";
import type { BackRestSettings } from "../../../../../shared/contract/pitr";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { Field } from "../../../components/Field";
import { useSavePitrSettings } from "../pitr.queries";
import { settingsDraft, settingsForm, type SettingsForm } from "../settings-form.model";

/** The profile's pgBackRest configuration, stanza, where it runs and as whom; S3 keys are write-only. */
export function SettingsPanel({
  profileId,
  settings,
}: {
  profileId: string;
  settings: BackRestSettings | null;
}) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(settings));
  const save = useSavePitrSettings(profileId);
  const set = (k: keyof SettingsForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <details
      className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      open={!settings}
      data-testid="pitr-settings"
    >
      <summary className="cursor-pointer font-medium">
        pgBackRest{" "}
        {settings
          ? `: stanza ${settings.stanza} (${settings.configPath}, ${settings.location}, as ${settings.osUser})`
          : "— not set up for this profile"}
      </summary>
      <form
        className="mt-2 grid grid-cols-1 gap-2 md:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(settingsDraft(form), { onSuccess: (s) => setForm(settingsForm(s)) });
        }}
      >
        <SettingsFields
          form={form}
          set={set}
          savedKeys={Boolean(settings?.repoSecrets.some((r) => r.hasS3Key))}
        />
        <div className="flex items-end gap-2 md:col-span-3">
          <Button variant="primary" type="submit" disabled={save.isPending} data-testid="pitr-settings-save">
            Save
          </Button>
          <span className="text-xs text-slate-600 dark:text-slate-400">
            Keys are stored encrypted and reach pgbackrest only in its environment
            (PGBACKREST_REPO&lt;N&gt;_S3_KEY).
          </span>
        </div>
      </form>
      {save.error && <ErrorMessage error={save.error} />}
    </details>
  );
}

type SetField = (k: keyof SettingsForm) => (e: { target: { value: string } }) => void;

function SettingsFields({ form, set, savedKeys }: { form: SettingsForm; set: SetField; savedKeys: boolean }) {
  return (
    <>
      <Field
        label="Configuration file (--config)"
        value={form.configPath}
        onChange={set("configPath")}
        data-testid="pitr-config"
      />
      <Field label="Stanza" value={form.stanza} onChange={set("stanza")} data-testid="pitr-stanza" />
      <Field label="OS user owning the data directory" value={form.osUser} onChange={set("osUser")} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-slate-600 dark:text-slate-400">pgbackrest runs</span>
        <select
          className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          value={form.location}
          onChange={set("location")}
        >
          <option value="local">on this machine</option>
          <option value="ssh">on the database host (the profile's SSH settings)</option>
        </select>
      </label>
      <Field
        label="Folder for restored copies"
        value={form.restoreRoot}
        onChange={set("restoreRoot")}
        data-testid="pitr-restore-root"
      />
      <Field label="PostgreSQL bin folder (optional)" value={form.pgBinDir} onChange={set("pgBinDir")} />
      <Field
        label="info/check timeout (s)"
        inputMode="numeric"
        value={form.timeoutSeconds}
        onChange={set("timeoutSeconds")}
      />
      <Field
        label="S3 keys for repository"
        inputMode="numeric"
        value={form.s3Repo}
        onChange={set("s3Repo")}
      />
      <Field
        label="S3 access key"
        autoComplete="off"
        value={form.s3Key}
        onChange={set("s3Key")}
        placeholder={savedKeys ? "saved (type to replace)" : ""}
      />
      <Field
        label="S3 secret key"
        type="password"
        autoComplete="off"
        value={form.s3KeySecret}
        onChange={set("s3KeySecret")}
      />
    </>
  );
}
