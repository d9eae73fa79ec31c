import { Button } from "../../components/Button";
import { Field } from "../../components/Field";
import { SelectField } from "./components/SelectField";
import type { FormSectionProps } from "./form-section";

interface Props extends FormSectionProps {
  hasSavedSecret: boolean;
  /** A fingerprint the server presented that is not the trusted one (from the last error). */
  presentedKey?: string | undefined;
  onTrust(fingerprint: string): void;
}

const AUTH = [
  { value: "key", label: "private key file" },
  { value: "agent", label: "SSH agent" },
  { value: "password", label: "password" },
];

/** The SSH tunnel part of the profile form, with the host key confirmation. */
export function SshFields({ form, set, invalid, hasSavedSecret, presentedKey, onTrust }: Props) {
  return (
    <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">SSH tunnel</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="sshEnabled"
          data-testid="profile-ssh"
          checked={form.sshEnabled}
          onChange={set("sshEnabled")}
        />
        Connect through an SSH server (the host above is as that server sees it)
      </label>
      {form.sshEnabled && (
        <>
          <div className="grid grid-cols-[1fr_6rem_10rem] gap-3">
            <Field
              label="SSH host"
              name="sshHost"
              value={form.sshHost}
              onChange={set("sshHost")}
              {...invalid("ssh.host")}
            />
            <Field
              label="Port"
              name="sshPort"
              type="number"
              value={form.sshPort}
              onChange={set("sshPort")}
              {...invalid("ssh.port")}
            />
            <Field
              label="SSH user"
              name="sshUser"
              value={form.sshUser}
              onChange={set("sshUser")}
              {...invalid("ssh.user")}
            />
          </div>
          <SshAuthFields form={form} set={set} invalid={invalid} hasSavedSecret={hasSavedSecret} />
          <SshHostKey trusted={form.sshHostKey} presentedKey={presentedKey} onTrust={onTrust} />
        </>
      )}
    </fieldset>
  );
}

/** Agent, key file (with its passphrase) or password. */
function SshAuthFields({
  form,
  set,
  invalid,
  hasSavedSecret,
}: FormSectionProps & { hasSavedSecret: boolean }) {
  return (
    <>
      <div className="grid grid-cols-[12rem_1fr] gap-3">
        <SelectField
          label="Authentication"
          name="sshAuth"
          value={form.sshAuth}
          onChange={set("sshAuth")}
          options={AUTH}
        />
        {form.sshAuth === "key" && (
          <Field
            label="Private key file"
            name="sshKeyFile"
            value={form.sshKeyFile}
            onChange={set("sshKeyFile")}
            {...invalid("ssh.keyFile")}
          />
        )}
      </div>
      {form.sshAuth !== "agent" && (
        <Field
          label={`${form.sshAuth === "key" ? "Key passphrase (if any)" : "SSH password"}${hasSavedSecret ? " — leave empty to keep the saved one" : ""}`}
          name="sshSecret"
          type="password"
          autoComplete="off"
          value={form.sshSecret}
          onChange={set("sshSecret")}
          {...invalid("sshSecret")}
        />
      )}
    </>
  );
}

/** The trusted host key, and a key the server presented that differs from it, to trust or not. */
function SshHostKey({
  trusted,
  presentedKey,
  onTrust,
}: {
  trusted: string;
  presentedKey: string | undefined;
  onTrust(fingerprint: string): void;
}) {
  return (
    <>
      <div className="text-xs text-slate-600 dark:text-slate-400">
        Trusted host key:{" "}
        <code data-testid="ssh-host-key">{trusted || "none yet (confirmed on first connection)"}</code>
      </div>
      {presentedKey && presentedKey !== trusted && (
        <div className="flex items-center gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <span>
            The server presented <code>{presentedKey}</code>.{" "}
            {trusted
              ? "It differs from the trusted key: only accept it if the server's key was really replaced."
              : "Compare it with the server's own fingerprint (ssh-keygen -lf) before trusting it."}
          </span>
          <Button data-testid="ssh-trust" onClick={() => onTrust(presentedKey)}>
            {trusted ? "Replace trusted key" : "Trust this key"}
          </Button>
        </div>
      )}
    </>
  );
}
