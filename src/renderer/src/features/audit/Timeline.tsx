import { useState } from "react";
import type { AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useAdvice, useTimeline } from "./audit.queries";
import { AdviceList } from "./AdviceList";
import { actorText, foreignKeyLinks } from "./audit.model";
import { DiffView } from "./DiffView";
import { JsonBlock } from "./JsonText";
import { ExportButton } from "./ExportButton";

interface Props {
  profileId: string;
  mapping: AuditMapping;
  entity: string;
  entityId: string;
  onJump(entity: string, entityId: string): void;
  onClose(): void;
}

/** Every event of one entity, oldest first, with diffs and the row as it was after each. */
export function Timeline({ profileId, mapping, entity, entityId, onJump, onClose }: Props) {
  const timeline = useTimeline(profileId, mapping, entity, entityId);
  const advice = useAdvice(profileId, mapping, "entity");
  const [stateOf, setStateOf] = useState<string | undefined>();
  const events = timeline.data?.events ?? [];

  return (
    <section className="flex flex-col gap-3" data-testid="audit-timeline">
      <div className="flex items-center gap-2">
        <h2 className="text-lg font-semibold">
          Timeline of <span data-testid="timeline-entity">{entity}</span>{" "}
          <span className="font-mono">{entityId}</span>
        </h2>
        <ExportButton
          profileId={profileId}
          mapping={mapping}
          filters={{ entity, entityId }}
          name={`${entity}-${entityId}`}
        />
        <Button onClick={onClose}>Back to all events</Button>
      </div>
      <ErrorMessage error={timeline.error} />
      {advice.data && <AdviceList advice={advice.data} />}
      {timeline.data?.truncated && (
        <p className="text-xs text-amber-700">Only the first 2,000 events are shown.</p>
      )}
      <ol className="flex flex-col gap-3">
        {events.map((e, i) => {
          const sameTxAsPrevious = e.group !== null && events[i - 1]?.group === e.group;
          return (
            <li
              key={e.cursor}
              data-testid="timeline-event"
              className={`rounded border p-3 dark:border-slate-800 ${sameTxAsPrevious ? "ml-6 border-dashed" : "border-slate-200"}`}
            >
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{e.time}</span>
                <span
                  className="rounded bg-slate-200 px-1.5 text-xs font-semibold uppercase dark:bg-slate-800"
                  data-testid="event-action"
                >
                  {e.action}
                </span>
                <span data-testid="event-actor">{actorText(e.actor, e.actorLabel)}</span>
                {e.group && (
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    tx {e.group}
                    {sameTxAsPrevious ? " (same transaction)" : ""}
                  </span>
                )}
                <Button
                  className="ml-auto"
                  onClick={() => setStateOf(stateOf === e.cursor ? undefined : e.cursor)}
                >
                  {stateOf === e.cursor ? "Hide row" : "Row as it was"}
                </Button>
              </div>
              {e.problems.map((p) => (
                <p key={p} className="text-xs text-amber-700">
                  {p}
                </p>
              ))}
              <div className="mt-2">
                <DiffView changes={e.changes} />
              </div>
              {stateOf === e.cursor && (
                <div className="mt-2">
                  <JsonBlock value={e.state} testId="row-state" />
                  <ForeignKeys state={e.state} onJump={onJump} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Fields named like `userId`/`order_id` become links to that entity's timeline. */
function ForeignKeys({ state, onJump }: { state: unknown; onJump(entity: string, id: string): void }) {
  const links = foreignKeyLinks(state);
  if (!links.length) return null;
  return (
    <div className="mt-1 flex flex-wrap gap-2 text-xs">
      {links.map((l) => (
        <button
          key={l.key}
          type="button"
          className="text-blue-700 underline dark:text-blue-400"
          onClick={() => onJump(l.entity, l.id)}
        >
          {l.key} → {l.entity} {l.id}
        </button>
      ))}
    </div>
  );
}
