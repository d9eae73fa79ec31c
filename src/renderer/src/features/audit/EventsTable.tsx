import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { AuditEvent } from "../../../../shared/contract/audit";
import { actorText, nextRow } from "./audit.model";

const ROW = 32;
const COLUMNS =
  "grid grid-cols-[11rem_6rem_minmax(6rem,1fr)_minmax(6rem,1fr)_minmax(8rem,1.4fr)_minmax(8rem,2fr)] gap-x-4";

interface Props {
  events: AuditEvent[];
  onOpenEntity(ref: { entity: string; entityId: string }): void;
}

/**
 * The events as a grid: only visible rows are in the DOM; arrows, Home/End and Page keys
 * move between events, Enter opens the entity's timeline.
 */
export function EventsTable({ events, onOpenEntity }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself
  const virtual = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const current = Math.min(active, Math.max(0, events.length - 1));

  useEffect(() => {
    if (!focusWanted) return;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.focus();
    setFocusWanted(false);
  }, [focusWanted, current]);

  const open = (e: AuditEvent) =>
    e.entity && e.entityId && onOpenEntity({ entity: e.entity, entityId: e.entityId });
  const onKeyDown = (ev: KeyboardEvent, index: number) => {
    if (ev.key === "Enter") {
      open(events[index]!);
      return;
    }
    const next = nextRow(ev.key, index, events.length);
    if (next === undefined) return;
    ev.preventDefault();
    setActive(next);
    virtual.scrollToIndex(next);
    setFocusWanted(true);
  };

  return (
    <div
      role="grid"
      aria-label="Audit events"
      aria-rowcount={events.length + 1}
      className="text-sm"
      data-testid="audit-events"
    >
      <div
        role="row"
        aria-rowindex={1}
        className={`${COLUMNS} border-b border-slate-300 px-2 py-1 text-left text-xs font-medium text-slate-600 dark:border-slate-700 dark:text-slate-400`}
      >
        {["Time", "Action", "Entity", "Id", "Actor", "Changed"].map((h) => (
          <div role="columnheader" key={h}>
            {h}
          </div>
        ))}
      </div>
      <div ref={scroller} className="max-h-[60vh] overflow-auto" role="rowgroup">
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {virtual.getVirtualItems().map((item) => {
            const e = events[item.index]!;
            return (
              <EventRow
                key={e.cursor}
                event={e}
                index={item.index}
                top={item.start}
                active={item.index === current}
                onFocus={() => setActive(item.index)}
                onKeyDown={(ev) => onKeyDown(ev, item.index)}
                onOpen={() => open(e)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  event: AuditEvent;
  index: number;
  top: number;
  active: boolean;
  onFocus(): void;
  onKeyDown(ev: KeyboardEvent): void;
  onOpen(): void;
}

/** One event; the active row is the one Tab reaches (roving focus). */
function EventRow({ event: e, index, top, active, onFocus, onKeyDown, onOpen }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-testid="audit-event-row"
      tabIndex={active ? 0 : -1}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      onClick={onOpen}
      className={`${COLUMNS} absolute left-0 w-full cursor-pointer items-center border-t border-slate-200 px-2 hover:bg-slate-50 focus:bg-blue-50 focus:outline-2 focus:outline-blue-600 dark:border-slate-800 dark:hover:bg-slate-900 dark:focus:bg-slate-800`}
      style={{ top, height: ROW }}
    >
      <div role="gridcell" className="truncate font-mono text-xs">
        {e.time}
      </div>
      <div role="gridcell" className="truncate">
        {e.action}
      </div>
      <div role="gridcell" className="truncate">
        {e.entity}
      </div>
      <div role="gridcell" className="truncate font-mono text-xs">
        {e.entityId}
      </div>
      <div
        role="gridcell"
        className="truncate"
        data-testid="event-row-actor"
        title={actorText(e.actor, e.actorLabel)}
      >
        {actorText(e.actor, e.actorLabel)}
      </div>
      <div role="gridcell" className="truncate text-xs text-slate-600 dark:text-slate-400">
        {e.changes.map((c) => c.path).join(", ")}
      </div>
    </div>
  );
}
