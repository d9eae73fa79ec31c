import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { AdviceList } from "./AdviceList";
import { adviceUse } from "./audit.model";
import { useAdvice, useBrowse, useCounts } from "./audit.queries";
import { CountsChart } from "./CountsChart";
import { EventsTable } from "./EventsTable";
import { ExportButton } from "./ExportButton";
import { FiltersBar } from "./FiltersBar";

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
  const events = browse.data?.pages.flatMap((p) => p.events) ?? [];
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
      <EventsTable events={events} onOpenEntity={onOpenEntity} />
      {browse.data && events.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="audit-empty">
          No events match these filters.
        </p>
      )}
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
