import { useState } from "react";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { auditSources, sourceKey } from "./audit.model";
import { useDetect } from "./audit.queries";
import { EventsView } from "./EventsView";
import { MappingForm } from "./MappingForm";
import { Timeline } from "./Timeline";

type EntityRef = { entity: string; entityId: string };

/** Audit browser: pick a source, filter newest-first events, open one entity's timeline. */
export function AuditPage({ profileId }: AreaProps) {
  const detect = useDetect(profileId);
  const sources = auditSources(detect.data);
  const [sourceKeyChosen, setSourceKey] = useState<string | undefined>();
  const mapping = sources.find((m) => sourceKey(m) === sourceKeyChosen) ?? sources[0];
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entity, setEntity] = useState<EntityRef | undefined>();
  const [mappingFormOpen, setMappingOpen] = useState(false);

  if (detect.error) return <ErrorMessage error={detect.error} />;
  if (!detect.data)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Looking for audit tables…</p>;

  return (
    <section className="flex flex-col gap-4" data-testid="audit-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Audit</h1>
        <SourceSelect
          sources={sources}
          value={mapping}
          onChange={(key) => {
            setSourceKey(key);
            setEntity(undefined);
          }}
        />
        <Button onClick={() => setMappingOpen(!mappingFormOpen)}>Map another table…</Button>
      </div>
      {sources.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No audit table of a known layout (section 13 audit_logs, supa_audit, the 2ndQuadrant audit trigger,
          Bemi, PaperTrail) was found. Map a table by hand.
        </p>
      )}
      {mappingFormOpen && (
        <MappingForm
          profileId={profileId}
          tables={detect.data.tables}
          onSaved={(m) => {
            setSourceKey(sourceKey(m));
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
        <EventsView
          profileId={profileId}
          mapping={mapping}
          filters={filters}
          onFilters={setFilters}
          onOpenEntity={setEntity}
        />
      )}
    </section>
  );
}

function SourceSelect({
  sources,
  value,
  onChange,
}: {
  sources: AuditMapping[];
  value: AuditMapping | undefined;
  onChange(key: string): void;
}) {
  if (sources.length === 0) return null;
  return (
    <select
      aria-label="Audit source"
      data-testid="audit-source"
      value={value ? sourceKey(value) : ""}
      onChange={(e) => onChange(e.target.value)}
      className="rounded border px-2 py-1 text-sm dark:bg-slate-900"
    >
      {sources.map((m) => (
        <option key={sourceKey(m)} value={sourceKey(m)}>
          {sourceKey(m)} ({m.kind})
        </option>
      ))}
    </select>
  );
}
