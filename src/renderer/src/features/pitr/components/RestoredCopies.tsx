import { useUi } from "../../../app/ui.store";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useDropCopy, useRestoredCopies } from "../pitr.queries";

/** Copies pgdesk restored and started: open one as its profile, or stop and remove it. */
export function RestoredCopies({ profileId }: { profileId: string }) {
  const copies = useRestoredCopies();
  const drop = useDropCopy();
  const openProfile = useUi((s) => s.openProfile);
  const openArea = useUi((s) => s.openArea);
  // the copy is another server: show it from its Overview, not from this page (which is the source's)
  const openCopy = (id: string) => {
    openProfile(id);
    openArea("overview");
  };
  const mine = (copies.data ?? []).filter((c) => c.sourceProfileId === profileId);
  if (!mine.length) return null;
  return (
    <section className="flex flex-col gap-2 text-sm" data-testid="pitr-copies">
      <h2 className="font-semibold">Restored copies</h2>
      {mine.map((c) => (
        <div
          key={c.id}
          className="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 p-2 dark:border-slate-800"
          data-testid="pitr-copy"
        >
          <span>
            port {c.port} · {c.dataDir} · restored {c.createdAt}
          </span>
          <span className="flex gap-2">
            <Button onClick={() => openCopy(c.profileId)}>Open</Button>
            <Button variant="danger" onClick={() => drop.mutate(c.id)} disabled={drop.isPending}>
              Stop and remove
            </Button>
          </span>
        </div>
      ))}
      {drop.error && <ErrorMessage error={drop.error} />}
    </section>
  );
}
