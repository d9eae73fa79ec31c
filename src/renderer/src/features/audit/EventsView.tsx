import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { AdviceList } from "./AdviceList";
import { adviceUse } from "./audit.model";
import { useAdvice, useBrowse, useCounts } from "./audit.queries";
import { CountsChart } from "./CountsChart";
import { ExportButton } from "./ExportButton";
import { FiltersBar } from "./FiltersBar";

type AuditEvent = NonNullable<ReturnType<typeof useBrowse>["data"]>["pages"][number]["events"][number];

interface Props {
  profileId: string;
  mapping: AuditMapping;
  filters: AuditFilters;
  onFilters(filters: AuditFilters): void;
  onOpenEntity(ref: { entity: string; entityId: string }): void;
}

/** Newest-first events of one source: filters, counts, export, advice and the pages read so far. */
export function EventsView({ profileId, mapping, filters, onFilters, onOpenEntity }: Props) {
  const browse = useBrowse(profileId, mapping, filters);
  const counts = useCounts(profileId, mapping, filters);
  const advice = useAdvice(profileId, mapping, adviceUse(filters));
  return (
    <>
      <FiltersBar value={filters} onApply={onFilters} />
      {counts.data && (
        <div className="flex flex-wrap gap-6" data-testid="audit-counts">
          <CountsChart title="By action" data={counts.data.byAction} />
          <CountsChart title="By entity" data={counts.data.byEntity} />
          <CountsChart title="By actor" data={counts.data.byActor} />
        </div>
      )}
      <div className="flex items-center gap-2">
        <ExportButton profileId={profileId} mapping={mapping} filters={filters} name="audit-events" />
      </div>
      <ErrorMessage error={browse.error ?? counts.error} />
      {advice.data && <AdviceList advice={advice.data} />}
      <EventsTable events={browse.data?.pages.flatMap((p) => p.events) ?? []} onOpenEntity={onOpenEntity} />
      {browse.hasNextPage && (
        <Button
          data-testid="audit-more"
          disabled={browse.isFetchingNextPage}
          onClick={() => void browse.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </>
  );
}

function EventsTable({
  events,
  onOpenEntity,
}: {
  events: AuditEvent[];
  onOpenEntity: Props["onOpenEntity"];
}) {
  return (
    <table className="w-full text-sm" data-testid="audit-events">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th>Time</th>
          <th>Action</th>
          <th>Entity</th>
          <th>Id</th>
          <th>Actor</th>
          <th>Changed</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr
            key={e.cursor}
            className="cursor-pointer border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
            data-testid="audit-event-row"
            onClick={() => e.entity && e.entityId && onOpenEntity({ entity: e.entity, entityId: e.entityId })}
          >
            <td className="py-1 font-mono text-xs">{e.time}</td>
            <td>{e.action}</td>
            <td>{e.entity}</td>
            <td className="font-mono text-xs">{e.entityId}</td>
            <td>{e.actor}</td>
            <td className="truncate text-xs text-slate-500">{e.changes.map((c) => c.path).join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
