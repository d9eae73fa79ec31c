export { ExplainPanel } from "./ExplainPanel";
