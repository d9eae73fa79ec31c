import { Handle, Position, type NodeProps, type Node } from "@xyflow/react";
import type { ErNode } from "./er-graph";
import { MAX_ROWS, NODE_WIDTH } from "./er-layout";

export type TableNodeData = ErNode & { focused: boolean } & Record<string, unknown>;

/** One table in the diagram: name, then columns with key marks. */
export function TableNode({ data }: NodeProps<Node<TableNodeData>>) {
  const shown = data.columns.slice(0, MAX_ROWS);
  return (
    <div
      data-testid="er-node"
      data-table={`${data.schema}.${data.name}`}
      style={{ width: NODE_WIDTH }}
      className={`rounded border bg-white text-[11px] shadow-sm dark:bg-slate-900 ${data.focused ? "border-blue-600 ring-2 ring-blue-400" : "border-slate-400"}`}
    >
      <Handle type="target" position={Position.Left} className="!bg-slate-400" />
      <div className="truncate rounded-t bg-blue-800 px-2 py-1.5 text-xs font-semibold text-white">
        {data.schema}.{data.name}
      </div>
      <ul className="px-2 py-1">
        {shown.map((c) => (
          <li key={c.name} className="flex h-[18px] items-center gap-1">
            <span className="w-5 shrink-0 text-[9px] font-bold text-amber-700">
              {c.pk ? "PK" : c.fk ? "FK" : ""}
            </span>
            <span className="truncate">{c.name}</span>
            <span className="ml-auto truncate pl-1 text-slate-600 dark:text-slate-400">{c.type}</span>
          </li>
        ))}
        {data.columns.length > MAX_ROWS && (
          <li className="text-slate-600 dark:text-slate-400">{data.columns.length - MAX_ROWS} more…</li>
        )}
      </ul>
      <Handle type="source" position={Position.Right} className="!bg-slate-400" />
    </div>
  );
}
