import { Field } from "../../components/Field";
import { SelectField } from "./components/SelectField";
import type { FormSectionProps } from "./form-section";

const SSL_MODES = [
  { value: "disable", label: "disable: never encrypt" },
  { value: "allow", label: "allow: plain, TLS if the server insists" },
  { value: "prefer", label: "prefer: TLS if available (default)" },
  { value: "require", label: "require: encrypt, do not verify" },
  { value: "verify-ca", label: "verify-ca: encrypt, verify the CA" },
  { value: "verify-full", label: "verify-full: verify CA and host name" },
];

/** sslmode and, unless TLS is off, the certificate files and the client key's passphrase. */
export function TlsFields({
  form,
  set,
  invalid,
  hasSslPassword,
}: FormSectionProps & { hasSslPassword: boolean }) {
  return (
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
      {form.sslmode !== "disable" && (
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
              label={`Key passphrase (sslpassword; only for an encrypted key)${hasSslPassword ? " — leave empty to keep the saved one" : ""}`}
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
  );
}
