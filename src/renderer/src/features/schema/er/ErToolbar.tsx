import { Button } from "../../../components/Button";
import type { ErGraph } from "./er-graph";
import { download, svgToPng } from "./er-export";
import { erToSvg } from "./er-svg";
import { hopsValue } from "./er-view.model";
import { useState } from "react";

/** The schemas whose tables are drawn. */
export function SchemaFilter({
  names,
  value,
  onChange,
}: {
  names: string[];
  value: ReadonlySet<string>;
  onChange(next: Set<string>): void;
}) {
  return (
    <details className="relative">
      <summary className="cursor-pointer" data-testid="er-schema-filter">
        Schemas ({value.size || "all"})
      </summary>
      <div className="absolute z-10 max-h-64 overflow-auto rounded border bg-white p-2 shadow dark:bg-slate-900">
        {names.map((s) => (
          <label key={s} className="flex items-center gap-1 whitespace-nowrap">
            <input
              type="checkbox"
              checked={value.has(s)}
              onChange={(e) => {
                const next = new Set(value);
                if (e.target.checked) next.add(s);
                else next.delete(s);
                onChange(next);
              }}
            />
            {s}
          </label>
        ))}
      </div>
    </details>
  );
}

/** Focus mode: one table ("schema.table", suggested from er-tables) and how many FK hops around it. */
export function FocusControls({
  focus,
  hops,
  onFocus,
  onHops,
}: {
  focus: string | undefined;
  hops: number;
  onFocus(table: string | undefined): void;
  onHops(hops: number): void;
}) {
  return (
    <>
      <label className="flex items-center gap-1">
        Focus
        <input
          list="er-tables"
          data-testid="er-focus"
          className="w-56 rounded border px-2 py-0.5 dark:bg-slate-900"
          placeholder="schema.table"
          value={focus ?? ""}
          onChange={(e) => onFocus(e.target.value || undefined)}
        />
      </label>
      <label className="flex items-center gap-1">
        hops
        <input
          type="number"
          min={1}
          max={6}
          data-testid="er-hops"
          className="w-14 rounded border px-1 py-0.5 dark:bg-slate-900"
          value={hops}
          onChange={(e) => onHops(hopsValue(e.target.value))}
        />
      </label>
    </>
  );
}

/** Centers the view on a table found by name. */
export function JumpBox({ onJump }: { onJump(query: string): void }) {
  const [jump, setJump] = useState("");
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onJump(jump);
      }}
    >
      <input
        data-testid="er-jump"
        className="w-40 rounded border px-2 py-0.5 dark:bg-slate-900"
        placeholder="Find table"
        value={jump}
        onChange={(e) => setJump(e.target.value)}
      />
    </form>
  );
}

/** The diagram as drawn now (dragged positions included), as SVG or PNG. */
export function ExportButtons({
  graph,
  positions,
}: {
  graph: ErGraph | undefined;
  positions(): Record<string, { x: number; y: number }>;
}) {
  return (
    <>
      <Button
        data-testid="er-export-svg"
        onClick={() =>
          graph &&
          download("er-diagram.svg", new Blob([erToSvg(graph, positions()).svg], { type: "image/svg+xml" }))
        }
      >
        SVG
      </Button>
      <Button
        data-testid="er-export-png"
        onClick={() => {
          if (!graph) return;
          const { svg, width, height } = erToSvg(graph, positions());
          void svgToPng(svg, width, height).then((png) => download("er-diagram.png", png));
        }}
      >
        PNG
      </Button>
    </>
  );
}
