import type { PlanNode } from "../../../../shared/explain/plan.model";
import { FactList } from "./FactList";
import { nodeFacts } from "./plan.facts";

/** Everything the server said about one node, as text. */
export function PlanNodeDetails({ node }: { node: PlanNode }) {
  return (
    <section
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-xs dark:border-slate-800"
      data-testid="plan-node-details"
    >
      <h3 className="text-sm font-semibold break-all">
        {node.subplanName ? `${node.subplanName}: ` : ""}
        {node.label}
      </h3>
      <FactList groups={nodeFacts(node)} />
    </section>
  );
}
