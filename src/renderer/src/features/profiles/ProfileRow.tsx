import { useState } from "react";
import type { Profile } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { TagBadge } from "../../components/TagBadge";
import { profileSummary } from "./profile-list.model";

interface Props {
  profile: Profile;
  onOpen(): void;
  onEdit(): void;
  onDuplicate(): void;
  onExport(): void;
  onDelete(): void;
}

/** One saved connection; Delete asks inline before it removes anything. */
export function ProfileRow({ profile: p, onOpen, onEdit, onDuplicate, onExport, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      data-testid="profile-row"
      data-name={p.name}
      className="flex flex-wrap items-center gap-3 rounded border border-slate-200 p-3 dark:border-slate-800"
    >
      <div className="min-w-0 flex-1">
        <div className="font-medium">{p.name}</div>
        <div className="truncate text-xs text-slate-600 dark:text-slate-400">{profileSummary(p)}</div>
      </div>
      {p.tag && <TagBadge tag={p.tag} />}
      {confirming ? (
        <>
          <span className="text-sm">Delete “{p.name}” and its saved password?</span>
          <Button variant="danger" data-testid="profile-delete-confirm" onClick={onDelete}>
            Delete
          </Button>
          <Button onClick={() => setConfirming(false)}>Keep</Button>
        </>
      ) : (
        <>
          <Button variant="primary" data-testid="profile-open" onClick={onOpen}>
            Open
          </Button>
          <Button data-testid="profile-edit" onClick={onEdit}>
            Edit
          </Button>
          <Button data-testid="profile-duplicate" onClick={onDuplicate}>
            Duplicate
          </Button>
          <Button data-testid="profile-export" onClick={onExport}>
            Copy URI
          </Button>
          <Button variant="danger" data-testid="profile-delete" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </>
      )}
    </li>
  );
}
