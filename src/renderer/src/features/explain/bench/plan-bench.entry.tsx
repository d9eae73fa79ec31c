import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { buildPlanModel } from "../../../../../shared/explain/plan.builder";
import { PlanViewer } from "../PlanViewer";

/**
 * Page script of test/bench/plan.bench.ts (bundled by esbuild, not part of the app):
 * renders a plan the way the app does, or the raw JSON in a <pre> as the baseline, and
 * reports the time until the frame after the first paint.
 */
declare global {
  interface Window {
    __planRaw: unknown;
    __renderPlan(mode: "app" | "baseline"): Promise<{ ms: number; nodes: number }>;
  }
}

let root: Root | undefined;

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

window.__renderPlan = async (mode) => {
  const host = document.getElementById("root")!;
  root?.unmount();
  host.replaceChildren();
  await nextPaint();
  const started = performance.now();
  let nodes = 0;
  if (mode === "app") {
    const plan = buildPlanModel(window.__planRaw);
    nodes = plan.nodes.length;
    root = createRoot(host);
    flushSync(() => root!.render(<PlanViewer plan={plan} />));
  } else {
    root = undefined;
    const pre = document.createElement("pre");
    pre.textContent = JSON.stringify(window.__planRaw, null, 2);
    host.append(pre);
  }
  await nextPaint();
  return { ms: performance.now() - started, nodes };
};
