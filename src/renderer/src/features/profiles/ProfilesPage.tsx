import { useState } from "react";
import type { Profile } from "../../../../shared/contract/profiles";
import type { AreaProps } from "../../lib/area";
import { useUi } from "../../app/ui.store";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ProfileForm } from "./ProfileForm";
import { ProfileRow } from "./ProfileRow";
import { byGroup } from "./profile-list.model";
import { useDeleteProfile, useDuplicateProfile, useExportUri, useProfiles } from "./profiles.queries";
import { DemoCard } from "../demo";

export function ProfilesPage(_props: AreaProps) {
  const profiles = useProfiles();
  const [editing, setEditing] = useState<Profile | "new" | undefined>();
  const openProfile = useUi((s) => s.openProfile);
  const remove = useDeleteProfile();
  const duplicate = useDuplicateProfile();
  const exportUri = useExportUri();

  if (editing) {
    return (
      <section className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">
          {editing === "new" ? "New connection" : `Edit ${editing.name}`}
        </h1>
        <ProfileForm
          existing={editing === "new" ? undefined : editing}
          onSaved={(p) => {
            setEditing(undefined);
            openProfile(p.id);
          }}
          onCancel={() => setEditing(undefined)}
        />
      </section>
    );
  }

  return (
    <section className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Connections</h1>
        <Button variant="primary" data-testid="profile-new" onClick={() => setEditing("new")}>
          New connection
        </Button>
      </div>
      <ErrorMessage error={profiles.error ?? remove.error ?? duplicate.error ?? exportUri.error} />
      <DemoCard profiles={profiles.data} />
      {exportUri.data && (
        <div className="flex items-center gap-2 rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
          <span className="text-slate-600 dark:text-slate-400">URI (no password):</span>
          <code data-testid="profile-export-uri" className="flex-1 select-all break-all font-mono text-xs">
            {exportUri.data.uri}
          </code>
          <Button onClick={() => void navigator.clipboard?.writeText(exportUri.data.uri)}>Copy</Button>
        </div>
      )}
      {profiles.data?.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No saved connections yet. Add one to see its server overview.
        </p>
      )}
      <div className="flex flex-col gap-4" data-testid="profile-list">
        {byGroup(profiles.data ?? []).map(([group, list]) => (
          <div key={group} className="flex flex-col gap-2">
            {group && (
              <h2
                className="text-sm font-semibold text-slate-600 dark:text-slate-400"
                data-testid="profile-group"
              >
                {group}
              </h2>
            )}
            <ul className="flex flex-col gap-2">
              {list.map((p) => (
                <ProfileRow
                  key={p.id}
                  profile={p}
                  onOpen={() => openProfile(p.id)}
                  onEdit={() => setEditing(p)}
                  onDuplicate={() => duplicate.mutate(p.id)}
                  onExport={() => exportUri.mutate(p.id)}
                  onDelete={() => remove.mutate(p.id)}
                />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
