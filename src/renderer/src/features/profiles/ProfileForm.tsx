import { useState } from "react";
import type { Profile } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ApiError } from "../../lib/api-error";
import { BehaviourFields } from "./BehaviourFields";
import { ConnectionTestResult } from "./ConnectionTestResult";
import type { InvalidAttrs, SetField } from "./form-section";
import { PasteConnectionString } from "./PasteConnectionString";
import {
  applyImport,
  formProblem,
  initialFormState,
  isFieldInvalid,
  toDraft,
  type ProfileFormState,
} from "./profile-form.model";
import { useSaveProfile, useTestConnection } from "./profiles.queries";
import { LoginFields, ServerFields } from "./ServerFields";
import { SshFields } from "./SshFields";
import { TlsFields } from "./TlsFields";

interface Props {
  existing?: Profile;
  onSaved(profile: Profile): void;
  onCancel(): void;
}

/** Add or edit a profile; Test connects with what is typed, before anything is saved. */
export function ProfileForm({ existing, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<ProfileFormState>(() => initialFormState(existing));
  const [warnings, setWarnings] = useState<string[]>([]);
  const save = useSaveProfile();
  const test = useTestConnection();
  const set: SetField = (key) => (e) =>
    setForm((f) => ({
      ...f,
      [key]: e.target.type === "checkbox" ? (e.target as HTMLInputElement).checked : e.target.value,
    }));
  const error = test.error ?? save.error;
  const problem = formProblem(error instanceof ApiError ? error.data : undefined);
  const invalid: InvalidAttrs = (name) => (isFieldInvalid(problem, name) ? { "aria-invalid": true } : {});
  const section = { form, set, invalid };
  const input = (f: ProfileFormState) => ({
    ...(existing ? { id: existing.id } : {}),
    draft: toDraft(f, existing),
  });

  return (
    <form
      data-testid="profile-form"
      className="flex max-w-2xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(input(form), { onSuccess: onSaved });
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
      <ImportWarnings warnings={warnings} />
      <ServerFields {...section} />
      <LoginFields {...section} hasPassword={Boolean(existing?.hasPassword)} />
      <TlsFields {...section} hasSslPassword={Boolean(existing?.hasSslPassword)} />
      <SshFields
        {...section}
        hasSavedSecret={Boolean(existing?.hasSshSecret)}
        presentedKey={problem.presentedKey}
        onTrust={(fingerprint) => {
          const next = { ...form, sshHostKey: fingerprint };
          setForm(next);
          test.mutate(input(next));
        }}
      />
      <BehaviourFields {...section} />
      {/* the actions stay in view at the bottom, with what Test found right beside them */}
      <div
        data-testid="profile-actions"
        className="sticky bottom-0 flex flex-wrap items-start gap-2 border-t border-slate-200 bg-white py-2 dark:border-slate-800 dark:bg-slate-950"
      >
        <Button data-testid="profile-test" onClick={() => test.mutate(input(form))} disabled={test.isPending}>
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
        <Button variant="primary" type="submit" data-testid="profile-save" disabled={save.isPending}>
          Save
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        <div className="max-h-64 min-w-0 flex-1 basis-72 overflow-auto" aria-live="polite">
          {test.data && !test.isPending && <ConnectionTestResult result={test.data} />}
          <ErrorMessage error={error} target={adviceTarget(form)} />
        </div>
      </div>
    </form>
  );
}

/** Where the form points, to name it in connection advice. */
function adviceTarget(f: ProfileFormState) {
  return {
    host: f.host,
    port: Number(f.port) || undefined,
    user: f.user,
    database: f.database,
    sshHost: f.sshEnabled ? f.sshHost : undefined,
  };
}

/** What the pasted string held that pgdesk does not use, or that the user should know. */
function ImportWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul data-testid="import-warnings" className="list-disc pl-5 text-xs text-amber-700 dark:text-amber-300">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
}
