export { ExplainPanel } from "./ExplainPanel";
export type { ExplainPanelProps, ExplainRequestSignal } from "./ExplainPanel";
export { PlansPage } from "./PlansPage";
export { PlanViewer } from "./PlanViewer";
export { PlanCompare } from "./PlanCompare";
