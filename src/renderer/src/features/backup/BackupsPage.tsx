import type { AreaProps } from "../../lib/area";
import { BackupForm } from "./BackupForm";
import { BackupList } from "./BackupList";
import { JobsPanel } from "./JobsPanel";
import { OffsitePanel } from "./OffsitePanel";
import { RetentionPanel } from "./RetentionPanel";
import { SchedulesPanel } from "./SchedulesPanel";
import { ToolsPanel } from "./ToolsPanel";

/** Verified pg_dump backups to a local folder, their jobs, and restores. */
export function BackupsPage({ profileId }: AreaProps) {
  return (
    <section className="flex flex-col gap-4" data-testid="backups-page">
      <h1 className="text-xl font-semibold">Backups</h1>
      <ToolsPanel profileId={profileId} />
      <BackupForm profileId={profileId} />
      <JobsPanel />
      <BackupList profileId={profileId} />
      <OffsitePanel />
      <RetentionPanel />
      <SchedulesPanel profileId={profileId} />
    </section>
  );
}
