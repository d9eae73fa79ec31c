import type { AppContext } from "./app-context";
import { ensureDemoServer } from "./features/demo/demo.service";

/**
 * Work both hosts do once their context exists: bring back the demo server when a demo
 * profile is saved. Runs in the background: the window or URL must not wait for it.
 */
export function startBackgroundServices(ctx: AppContext): void {
  void ensureDemoServer(ctx);
}
