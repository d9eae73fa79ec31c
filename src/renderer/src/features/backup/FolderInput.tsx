import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { backupKeys, canPickFolder, usePickFolder } from "./backup.queries";
import { useBackupUi } from "./backup.store";

/** The backup folder: Electron's dialog where there is one, a typed absolute path otherwise (main checks it). */
export function FolderInput() {
  const { folder, setFolder } = useBackupUi();
  const [draft, setDraft] = useState(folder);
  const client = useQueryClient();
  const pick = usePickFolder();
  const apply = (value: string) => {
    setFolder(value.trim());
    void client.invalidateQueries({ queryKey: backupKeys.list(value.trim()) });
  };
  return (
    <div className="flex items-end gap-2">
      <label className="flex flex-1 flex-col gap-1 text-sm">
        <span className="text-slate-600 dark:text-slate-400">
          Backup folder (absolute path on this machine)
        </span>
        <input
          className="rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-900"
          value={draft}
          placeholder="/home/me/backups"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => apply(draft)}
          onKeyDown={(e) => e.key === "Enter" && apply(draft)}
          data-testid="backup-folder"
        />
      </label>
      {canPickFolder && (
        <Button
          onClick={() =>
            pick.mutate(undefined, {
              onSuccess: (r) => {
                if (r.folder) {
                  setDraft(r.folder);
                  apply(r.folder);
                }
              },
            })
          }
        >
          Choose…
        </Button>
      )}
      {pick.error && <ErrorMessage error={pick.error} />}
    </div>
  );
}
