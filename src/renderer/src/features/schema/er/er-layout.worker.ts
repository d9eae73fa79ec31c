import ELK from "elkjs/lib/elk.bundled.js";
import type { ErGraph } from "./er-graph";
import { layoutEr, type ElkLike } from "./er-layout";

// ELK blocks its thread for up to seconds on big graphs, so it lives here, not on the UI thread.
// (The bundled build registers its own onmessage in a worker; ours, set after, replaces it.)
const elk = new ELK() as unknown as ElkLike;

self.onmessage = async (e: MessageEvent<{ id: number; graph: ErGraph }>) => {
  try {
    const positions = await layoutEr(elk, e.data.graph);
    self.postMessage({ id: e.data.id, positions });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) });
  }
};
