export { ExplainPanel } from "./ExplainPanel";
export type { ExplainPanelProps } from "./ExplainPanel";
export { PlansPage } from "./PlansPage";
export { PlanViewer } from "./PlanViewer";
export { PlanCompare } from "./PlanCompare";
