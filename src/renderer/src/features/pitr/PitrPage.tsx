import type { AreaProps } from "../../lib/area";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ArchivingCard } from "./components/ArchivingCard";
import { BackupActions } from "./components/BackupActions";
import { BackupSets } from "./components/BackupSets";
import { PitrJobs } from "./components/PitrJobs";
import { RecoverableWindow } from "./components/RecoverableWindow";
import { RestoredCopies } from "./components/RestoredCopies";
import { RestoreForm } from "./components/RestoreForm";
import { RestorePointButton } from "./components/RestorePointButton";
import { SettingsPanel } from "./components/SettingsPanel";
import { usePitrInfo, usePitrSettings } from "./pitr.queries";

/** WAL archiving, pgBackRest backup sets, the recoverable window, and restores to a moment. */
export function PitrPage({ profileId }: AreaProps) {
  const settings = usePitrSettings(profileId);
  const info = usePitrInfo(profileId, Boolean(settings.data));
  return (
    <section className="flex flex-col gap-4" data-testid="pitr-page">
      <h1 className="text-xl font-semibold">Point-in-time recovery</h1>
      <ArchivingCard profileId={profileId} />
      <RestorePointButton profileId={profileId} />
      {settings.error && <ErrorMessage error={settings.error} />}
      {settings.isSuccess && (
        <SettingsPanel key={settings.data?.stanza ?? "none"} profileId={profileId} settings={settings.data} />
      )}
      {info.error && <ErrorMessage error={info.error} />}
      {info.data && (
        <>
          <RecoverableWindow info={info.data} />
          <BackupSets info={info.data} />
          <BackupActions profileId={profileId} info={info.data} />
          <RestoreForm profileId={profileId} info={info.data} />
        </>
      )}
      <PitrJobs profileId={profileId} />
      <RestoredCopies profileId={profileId} />
    </section>
  );
}
