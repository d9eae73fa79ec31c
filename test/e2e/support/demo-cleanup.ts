import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { demoPaths } from "../../../src/main/features/demo/demo.paths";
import type { E2EBrowser } from "./browser";
import type { RunningWebHost } from "./web-host";

/** Stops the browser and the host (whose shutdown stops the demo server), then removes the demo cluster. */
export async function closeWithDemo(
  b: E2EBrowser | undefined,
  host: RunningWebHost | undefined,
): Promise<void> {
  await b?.close();
  const cluster = host ? demoPaths(host.dataDir).cluster : undefined;
  await host?.stop();
  if (cluster) await rm(dirname(cluster), { recursive: true, force: true });
}
