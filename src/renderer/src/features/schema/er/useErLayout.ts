import { useEffect, useRef, useState } from "react";
import type { ErGraph } from "./er-graph";
import type { Positions } from "./er-layout";
import LayoutWorker from "./er-layout.worker?worker";

interface LayoutState {
  positions: Positions | undefined;
  error: string | undefined;
  running: boolean;
  ms: number | undefined;
}

/** Lays the graph out in a Web Worker (ELK blocks its thread); stale results are dropped. */
export function useErLayout(graph: ErGraph | undefined): LayoutState {
  const worker = useRef<Worker | undefined>(undefined);
  const seq = useRef(0);
  const [state, setState] = useState<LayoutState>({
    positions: undefined,
    error: undefined,
    running: false,
    ms: undefined,
  });

  useEffect(() => {
    const w = new LayoutWorker();
    worker.current = w;
    return () => w.terminate();
  }, []);

  useEffect(() => {
    const w = worker.current;
    if (!graph || !w) return;
    const id = ++seq.current;
    const started = performance.now();
    setState((s) => ({ ...s, running: true, error: undefined }));
    const onMessage = (e: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
      if (e.data.id !== id) return;
      setState({
        positions: e.data.positions,
        error: e.data.error,
        running: false,
        ms: performance.now() - started,
      });
    };
    w.addEventListener("message", onMessage);
    w.postMessage({ id, graph });
    return () => w.removeEventListener("message", onMessage);
  }, [graph]);

  return state;
}
