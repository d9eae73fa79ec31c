import { useState } from "react";
import type { S3TargetDraft } from "../../../../shared/contract/offsite";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import {
  useBackupList,
  useCopyOffsite,
  useOffsiteCopies,
  useOffsiteTargets,
  useSaveOffsiteTarget,
  useVerifyOffsite,
} from "./backup.queries";
import { useBackupUi } from "./backup.store";

const blank = {
  name: "",
  endpoint: "",
  region: "us-east-1",
  bucket: "",
  prefix: "pgdesk/",
  caFile: "",
  accessKeyId: "",
  secretAccessKey: "",
};

/** Copies of this folder's dumps in an S3-compatible bucket, verified by reading them back. */
export function OffsitePanel() {
  const { folder } = useBackupUi();
  const targets = useOffsiteTargets();
  const list = useBackupList(folder);
  const copy = useCopyOffsite(folder);
  const verify = useVerifyOffsite(folder);
  const [targetId, setTargetId] = useState("");
  const [file, setFile] = useState("");
  const chosen = targetId || targets.data?.[0]?.id || "";
  const chosenFile = file || list.data?.find((b) => b.format !== "directory")?.file || "";
  return (
    <details
      className="rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="offsite-panel"
    >
      <summary className="cursor-pointer font-medium">Off-site copies (S3)</summary>
      <div className="mt-2 flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <select
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={chosen}
            onChange={(e) => setTargetId(e.target.value)}
          >
            {(targets.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} · s3://{t.bucket}/{t.prefix}
                {t.hasKeys ? "" : " (no keys)"}
              </option>
            ))}
          </select>
          <select
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={chosenFile}
            onChange={(e) => setFile(e.target.value)}
          >
            {(list.data ?? [])
              .filter((b) => b.format !== "directory")
              .map((b) => (
                <option key={b.file} value={b.file}>
                  {b.file}
                </option>
              ))}
          </select>
          <Button
            variant="primary"
            disabled={!chosen || !chosenFile || copy.isPending}
            onClick={() => copy.mutate({ file: chosenFile, targetId: chosen })}
          >
            {copy.isPending ? "Copying and reading back…" : "Copy and verify"}
          </Button>
          <Button
            disabled={!chosen || !chosenFile || verify.isPending}
            onClick={() => verify.mutate({ file: chosenFile, targetId: chosen })}
          >
            Verify the copy
          </Button>
        </div>
        <ErrorMessage error={copy.error ?? verify.error ?? targets.error} />
        <CopyResults copied={copy.data} verified={verify.data} folder={folder} />
        <TargetForm />
      </div>
    </details>
  );
}

function TargetForm() {
  const [f, setF] = useState(blank);
  const save = useSaveOffsiteTarget();
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const draft: S3TargetDraft = {
    ...f,
    forcePathStyle: true,
    accessKeyId: f.accessKeyId || undefined,
    secretAccessKey: f.secretAccessKey || undefined,
  };
  return (
    <form
      className="grid grid-cols-1 gap-2 border-t border-slate-200 pt-2 md:grid-cols-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft, { onSuccess: () => setF(blank) });
      }}
    >
      <Field label="Name" value={f.name} onChange={set("name")} />
      <Field
        label="Endpoint (empty for AWS)"
        placeholder="https://s3.example.com:9000"
        value={f.endpoint}
        onChange={set("endpoint")}
      />
      <Field label="Region" value={f.region} onChange={set("region")} />
      <Field label="Bucket" value={f.bucket} onChange={set("bucket")} />
      <Field label="Key prefix" value={f.prefix} onChange={set("prefix")} />
      <Field label="CA file (optional)" value={f.caFile} onChange={set("caFile")} />
      <Field label="Access key" autoComplete="off" value={f.accessKeyId} onChange={set("accessKeyId")} />
      <Field
        label="Secret key"
        type="password"
        autoComplete="off"
        value={f.secretAccessKey}
        onChange={set("secretAccessKey")}
      />
      <div className="md:col-span-4">
        <Button type="submit" disabled={save.isPending}>
          Add S3 target
        </Button>
        <ErrorMessage error={save.error} />
      </div>
    </form>
  );
}

/** The last copy or verification, and every copy recorded for the folder. */
function CopyResults({
  copied,
  verified,
  folder,
}: {
  copied: ReturnType<typeof useCopyOffsite>["data"];
  verified: ReturnType<typeof useVerifyOffsite>["data"];
  folder: string;
}) {
  const copies = useOffsiteCopies(folder);
  const copy = { data: copied };
  const verify = { data: verified };
  return (
    <>
      {copy.data && (
        <p className="text-green-700">
          Copied to s3://{copy.data.bucket}/{copy.data.key} and verified: the object read back has the
          backup's SHA-256.
        </p>
      )}
      {verify.data && (
        <p className={verify.data.ok ? "text-green-700" : "text-red-700"}>
          {verify.data.ok ? "The copy in the bucket matches the backup." : verify.data.problems.join("; ")}
        </p>
      )}
      <ul className="text-xs">
        {(copies.data ?? []).map((c) => (
          <li key={`${c.targetId}-${c.key}`}>
            {c.file} → s3://{c.bucket}/{c.key} · {c.verifiedAt ? `verified ${c.verifiedAt}` : "NOT verified"}
          </li>
        ))}
      </ul>
    </>
  );
}
