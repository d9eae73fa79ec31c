import { useState } from "react";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { PlanFlame } from "./PlanFlame";
import { PlanNodeDetails } from "./PlanNodeDetails";
import { PlanSummary } from "./PlanSummary";
import { PlanTips } from "./PlanTips";
import { PlanTree } from "./PlanTree";

type Tab = "tree" | "flame";

/** A plan model, readable: summary, tree or icicle, tips, and the selected node's details. */
export function PlanViewer({ plan }: { plan: PlanModel }) {
  const [tab, setTab] = useState<Tab>("tree");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [revealKey, setRevealKey] = useState(0);
  const [shown, setShown] = useState(plan);
  if (shown !== plan) {
    // a new plan: reset what pointed into the old one
    setShown(plan);
    setSelectedId(null);
    setCollapsed(new Set());
  }

  const toggle = (id: number) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const showNode = (id: number) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      for (let p = plan.nodes[id]?.parentId ?? null; p !== null; p = plan.nodes[p]!.parentId) next.delete(p);
      return next;
    });
    setSelectedId(id);
    setTab("tree");
    setRevealKey((k) => k + 1);
  };

  const selected = selectedId === null ? null : (plan.nodes[selectedId] ?? null);
  const tabClass = (t: Tab) =>
    `rounded px-2 py-1 text-xs font-medium ${tab === t ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`;

  return (
    <div className="flex flex-col gap-3" data-testid="plan-viewer">
      <PlanSummary plan={plan} />
      <div className="flex items-center gap-1">
        <button
          type="button"
          className={tabClass("tree")}
          onClick={() => setTab("tree")}
          data-testid="plan-tab-tree"
        >
          Tree
        </button>
        <button
          type="button"
          className={tabClass("flame")}
          onClick={() => setTab("flame")}
          data-testid="plan-tab-flame"
        >
          Where time goes
        </button>
        {tab === "tree" && (
          <span className="ml-auto flex gap-1">
            <button
              type="button"
              className="rounded px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
              onClick={() => setCollapsed(new Set())}
            >
              Expand all
            </button>
            <button
              type="button"
              className="rounded px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
              onClick={() =>
                setCollapsed(
                  new Set(plan.nodes.filter((n) => n.depth === 1 && n.childIds.length > 0).map((n) => n.id)),
                )
              }
            >
              Collapse all
            </button>
          </span>
        )}
      </div>
      {tab === "tree" ? (
        <PlanTree
          plan={plan}
          collapsed={collapsed}
          selectedId={selectedId}
          onToggle={toggle}
          onSelect={setSelectedId}
          revealKey={revealKey}
        />
      ) : (
        <PlanFlame plan={plan} selectedId={selectedId} onSelect={setSelectedId} />
      )}
      <div className="grid gap-3 lg:grid-cols-2">
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Tips ({plan.tips.length})</h3>
          <PlanTips tips={plan.tips} onShowNode={showNode} />
        </div>
        {selected ? (
          <PlanNodeDetails node={selected} />
        ) : (
          <p className="text-xs text-slate-500">
            Select a node to see everything the server reported about it.
          </p>
        )}
      </div>
    </div>
  );
}
