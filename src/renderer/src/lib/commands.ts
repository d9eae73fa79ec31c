import { useEffect, useRef } from "react";
import { create } from "zustand";

/** One thing the user can do from the command palette (Ctrl/Cmd+K, Ctrl/Cmd+Shift+P). */
export interface Command {
  id: string;
  title: string;
  /** What it belongs to, shown beside it: "Go to", "Query", "Transaction", "Profile", ... */
  group: string;
  /** The shortcut that does the same, as the help sheet shows it. */
  shortcut?: string;
  run(): void | Promise<void>;
}

interface CommandState {
  /** Who offers commands right now (the shell, the open editor tab, ...), by source id. */
  sources: Record<string, () => Command[]>;
  palette: boolean;
  help: boolean;
}

export const useCommands = create<CommandState>(() => ({ sources: {}, palette: false, help: false }));

/** Offers commands while the caller is on screen; returns the function that withdraws them. */
export function registerCommands(source: string, commands: () => Command[]): () => void {
  useCommands.setState((s) => ({ sources: { ...s.sources, [source]: commands } }));
  return () =>
    useCommands.setState((s) => {
      if (s.sources[source] !== commands) return s;
      const { [source]: _gone, ...rest } = s.sources;
      return { sources: rest };
    });
}

/** Offers `make()`'s commands while the calling component is mounted (always its latest render's). */
export function useCommandSource(source: string, make: () => Command[]): void {
  const latest = useRef(make);
  useEffect(() => {
    latest.current = make;
  });
  useEffect(() => registerCommands(source, () => latest.current()), [source]);
}

/** Every command on offer now. */
export function currentCommands(): Command[] {
  return Object.values(useCommands.getState().sources).flatMap((f) => f());
}

export const openPalette = () => useCommands.setState({ palette: true, help: false });
export const closePalette = () => useCommands.setState({ palette: false });
export const openHelp = () => useCommands.setState({ help: true, palette: false });
export const closeHelp = () => useCommands.setState({ help: false });
