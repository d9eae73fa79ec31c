import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useCreateRestorePoint } from "../pitr.queries";

/** One click before risky work: pg_create_restore_point with a name made from the moment. */
export function RestorePointButton({ profileId }: { profileId: string }) {
  const create = useCreateRestorePoint(profileId);
  const [name, setName] = useState("");
  const fallback = () => `pgdesk-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="restore-point">
      <input
        className="w-72 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        placeholder="restore point name (optional)"
        value={name}
        maxLength={63}
        onChange={(e) => setName(e.target.value)}
        data-testid="restore-point-name"
      />
      <Button
        onClick={() => create.mutate(name.trim() || fallback(), { onSuccess: () => setName("") })}
        disabled={create.isPending}
        data-testid="restore-point-create"
      >
        Create restore point
      </Button>
      {create.data && (
        <span data-testid="restore-point-created">
          Restore point <span className="font-mono">{create.data.name}</span> at LSN{" "}
          <span className="font-mono">{create.data.lsn}</span>
        </span>
      )}
      {create.error && <ErrorMessage error={create.error} />}
    </div>
  );
}
