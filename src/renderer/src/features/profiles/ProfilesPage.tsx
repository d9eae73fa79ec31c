import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Profile } from "../../../../shared/contract/profiles";
import type { AreaProps } from "../../app/areas";
import { TagBadge } from "../../components/TagBadge";
import { useUi } from "../../app/ui.store";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../lib/api";
import { ProfileForm } from "./ProfileForm";
import { profileKeys, useDeleteProfile } from "./profiles.queries";

export function ProfilesPage(_props: AreaProps) {
  const profiles = useQuery({ queryKey: profileKeys.all, queryFn: () => call("profiles:list", {}) });
  const [editing, setEditing] = useState<Profile | "new" | undefined>();
  const openProfile = useUi((s) => s.openProfile);
  const remove = useDeleteProfile();

  if (editing) {
    return (
      <section className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">{editing === "new" ? "New connection" : `Edit ${editing.name}`}</h1>
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
      <ErrorMessage error={profiles.error ?? remove.error} />
      {profiles.data?.length === 0 && (
        <p className="text-sm text-slate-500">No saved connections yet. Add one to see its server overview.</p>
      )}
      <ul className="flex flex-col gap-2" data-testid="profile-list">
        {profiles.data?.map((p) => (
          <li key={p.id} className="flex items-center gap-3 rounded border border-slate-200 p-3 dark:border-slate-800">
            <div className="min-w-0 flex-1">
              <div className="font-medium">{p.name}</div>
              <div className="truncate text-xs text-slate-500">
                {p.user}@{p.host}:{p.port}/{p.database}
              </div>
            </div>
            {p.tag && <TagBadge tag={p.tag} />}
            <Button variant="primary" onClick={() => openProfile(p.id)}>Open</Button>
            <Button onClick={() => setEditing(p)}>Edit</Button>
            <Button
              variant="danger"
              onClick={() => {
                if (confirm(`Delete the connection "${p.name}"? Its saved password is removed too.`)) remove.mutate(p.id);
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
