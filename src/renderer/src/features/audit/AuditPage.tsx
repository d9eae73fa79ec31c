import { useState } from "react";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import type { AreaProps } from "../../app/areas";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { AdviceList } from "./AdviceList";
import { useAdvice, useBrowse, useCounts, useDetect } from "./audit.queries";
import { CountsChart } from "./CountsChart";
import { ExportButton } from "./ExportButton";
import { FiltersBar } from "./FiltersBar";
import { MappingForm } from "./MappingForm";
import { Timeline } from "./Timeline";

const keyOf = (m: AuditMapping) => `${m.schema}.${m.table}`;

/** Audit browser: pick a source, filter newest-first events, open one entity's timeline. */
export function AuditPage({ profileId }: AreaProps) {
  const detect = useDetect(profileId);
  const sources = [
    ...(detect.data?.detected.map((d) => d.mapping) ?? []),
    ...(detect.data?.saved ?? []),
  ].filter((m, i, all) => all.findIndex((x) => keyOf(x) === keyOf(m)) === i);
  const [sourceKey, setSourceKey] = useState<string | undefined>();
  const mapping = sources.find((m) => keyOf(m) === sourceKey) ?? sources[0];
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entity, setEntity] = useState<{ entity: string; entityId: string } | undefined>();
  const [mappingFormOpen, setMappingOpen] = useState(false);
  const browse = useBrowse(profileId, mapping, filters);
  const counts = useCounts(profileId, mapping, filters);
  const advice = useAdvice(
    profileId,
    mapping,
    filters.entity !== undefined || filters.entityId !== undefined ? "entity" : "time",
  );

  if (detect.error) return <ErrorMessage error={detect.error} />;
  if (!detect.data) return <p className="text-sm text-slate-500">Looking for audit tables…</p>;

  return (
    <section className="flex flex-col gap-4" data-testid="audit-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Audit</h1>
        {sources.length > 0 && (
          <select
            data-testid="audit-source"
            value={mapping ? keyOf(mapping) : ""}
            onChange={(e) => {
              setSourceKey(e.target.value);
              setEntity(undefined);
            }}
            className="rounded border px-2 py-1 text-sm dark:bg-slate-900"
          >
            {sources.map((m) => (
              <option key={keyOf(m)} value={keyOf(m)}>
                {keyOf(m)} ({m.kind})
              </option>
            ))}
          </select>
        )}
        <Button onClick={() => setMappingOpen(!mappingFormOpen)}>Map another table…</Button>
      </div>
      {detect.data.detected.length === 0 && detect.data.saved.length === 0 && (
        <p className="text-sm text-slate-500">
          No audit table of a known layout (section 13 audit_logs, supa_audit, the 2ndQuadrant audit trigger,
          Bemi, PaperTrail) was found. Map a table by hand.
        </p>
      )}
      {mappingFormOpen && (
        <MappingForm
          profileId={profileId}
          tables={detect.data.tables}
          onSaved={(m) => {
            setSourceKey(keyOf(m));
            setMappingOpen(false);
          }}
        />
      )}
      {mapping && entity && (
        <Timeline
          profileId={profileId}
          mapping={mapping}
          entity={entity.entity}
          entityId={entity.entityId}
          onJump={(e, id) => setEntity({ entity: e, entityId: id })}
          onClose={() => setEntity(undefined)}
        />
      )}
      {mapping && !entity && (
        <>
          <FiltersBar value={filters} onApply={setFilters} />
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
              {browse.data?.pages
                .flatMap((p) => p.events)
                .map((e) => (
                  <tr
                    key={e.cursor}
                    className="cursor-pointer border-t border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
                    data-testid="audit-event-row"
                    onClick={() =>
                      e.entity && e.entityId && setEntity({ entity: e.entity, entityId: e.entityId })
                    }
                  >
                    <td className="py-1 font-mono text-xs">{e.time}</td>
                    <td>{e.action}</td>
                    <td>{e.entity}</td>
                    <td className="font-mono text-xs">{e.entityId}</td>
                    <td>{e.actor}</td>
                    <td className="truncate text-xs text-slate-500">
                      {e.changes.map((c) => c.path).join(", ")}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
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
      )}
    </section>
  );
}
