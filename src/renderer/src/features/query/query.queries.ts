import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { PolicyTag, TagPolicy } from "../../../../shared/safeguards/tag-policy";
import { call, callAsPageLeaves, on } from "../../lib/api";
import { useQueryTabs } from "./query-tabs.store";
import type { RunController, RunTransport } from "./run-controller";
import { RunControllers } from "./run-controllers";
import { startTabPersistence, type TabPersistence } from "./tab-persistence";

export const queryKeys = {
  history: (profileId: string, search: string) => ["query", "history", profileId, search] as const,
  snippets: ["query", "snippets"] as const,
  completions: (profileId: string, database: string | null) =>
    ["query", "completions", profileId, database ?? ""] as const,
  policies: ["safeguards", "policies"] as const,
};

/** Catalog names for autocomplete; read once, then on "Refresh names" and after DDL ran in the tab. */
export function useCompletions(profileId: string, database: string | null) {
  return useQuery({
    queryKey: queryKeys.completions(profileId, database),
    queryFn: () => call("query:completions", { profileId, ...(database ? { database } : {}) }),
    staleTime: Infinity,
  });
}

/** Each environment tag's safeguards (main enforces them; the page shows them and the frame). */
export function useTagPolicies() {
  return useQuery({
    queryKey: queryKeys.policies,
    queryFn: () => call("safeguards:list", {}),
    staleTime: 60_000,
  });
}

export function useSaveTagPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { tag: PolicyTag; policy: TagPolicy | null }) => call("safeguards:save", input),
    onSuccess: (answer) => client.setQueryData(queryKeys.policies, answer),
  });
}

/** A .sql file through the desktop's dialogs; `supported` false in the web host (the page does it). */
export const sqlFiles = {
  save: (input: InputOf<"query:saveFile">) => call("query:saveFile", input),
  open: () => call("query:openFile", {}),
};

/** Executed statements of the profile, newest first; `search` matches the SQL text. */
export function useHistory(profileId: string, search: string) {
  return useQuery({
    queryKey: queryKeys.history(profileId, search),
    queryFn: () => call("query:history", { profileId, ...(search ? { search } : {}), limit: 200 }),
  });
}

export function useSnippets() {
  return useQuery({ queryKey: queryKeys.snippets, queryFn: () => call("query:snippets", {}) });
}

export function useSaveSnippet(onSaved: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (snippet: { name: string; sql: string }) => call("query:saveSnippet", snippet),
    onSuccess: () => {
      onSaved();
      void client.invalidateQueries({ queryKey: queryKeys.snippets });
    },
  });
}

export function useDeleteSnippet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("query:deleteSnippet", { id }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.snippets }),
  });
}

/** The statements of a script that the caret or selection points at, as main's parser splits them. */
export function useStatementsAt() {
  return useMutation({
    mutationFn: (input: InputOf<"query:statements">) => call("query:statements", input),
  });
}

export interface ExportProgress {
  rows: number;
  bytes: number;
  done: boolean;
}

/** Streams a statement's full result to a file; progress from query:didExportProgress of this export. */
export function useResultExport() {
  const [exportId] = useState(() => `x${Date.now().toString(36)}`);
  const [progress, setProgress] = useState<ExportProgress | undefined>();
  useEffect(
    () => on("query:didExportProgress", (p) => p.exportId === exportId && setProgress(p)),
    [exportId],
  );
  const run = useMutation({
    mutationFn: (input: Omit<InputOf<"query:export">, "exportId">) =>
      call("query:export", { ...input, exportId }),
    onSuccess: (r) => setProgress({ rows: r.rows, bytes: r.bytes, done: true }),
  });
  return { progress, run };
}

/**
 * Editor tabs' sessions. A run streams its rows as events while query:run is pending, so
 * a tab's state lives in a RunController outside React (results survive switching areas);
 * this is the one place that connects those controllers to main.
 */
const runTransport: RunTransport = {
  openSession: (profileId, database) =>
    call("query:openSession", { profileId, ...(database ? { database } : {}) }),
  run: (input) => call("query:run", input),
  cancel: (sessionId) => call("query:cancel", { sessionId }),
  closeSession: (sessionId) => call("query:closeSession", { sessionId }),
  endTransaction: (sessionId, action) => call("query:endTransaction", { sessionId, action }),
};

export const runControllers = new RunControllers(runTransport);
let eventsWired = false;

/** Session events go to the tab whose session they name; wired once, on the first tab. */
function wireSessionEvents(): void {
  if (eventsWired) return;
  eventsWired = true;
  const tab = (sessionId: string) => runControllers.bySession(sessionId);
  on("query:didStartResult", (p) => tab(p.sessionId)?.onStart(p.runId, p.index, p.columns));
  on("query:didReceiveRows", (p) => tab(p.sessionId)?.onRows(p.runId, p.index, p.batch));
  on("query:didFinishStatement", (p) => tab(p.sessionId)?.onFinish(p.runId, p.result));
  on("query:didNotice", (p) => tab(p.sessionId)?.onNotice(p));
  on("query:didCloseSession", (p) => tab(p.sessionId)?.onClosed());
  // a reload or a closed window would otherwise leave each tab's server session open
  // until main's idle timeout (an hour), holding a connection and maybe a transaction
  window.addEventListener("pagehide", () => {
    for (const sessionId of runControllers.openSessions())
      callAsPageLeaves("query:closeSession", { sessionId });
  });
}

/** The tab's run controller; the component re-renders whenever its results change (at most once a frame). */
export function useRunController(tabId: string, profileId: string, database: string | null): RunController {
  wireSessionEvents();
  const controller = runControllers.forTab(tabId, profileId, database ?? undefined);
  useSyncExternalStore(controller.subscribe, controller.getVersion);
  return controller;
}

/** Closes the tab's session (an open transaction is rolled back by the server). */
export function closeRunController(tabId: string): Promise<void> {
  return runControllers.close(tabId);
}

let persistence: Promise<TabPersistence> | undefined;
let persistenceNow: TabPersistence | undefined;

/**
 * The saved tabs, read once into the page (then every change is saved as the user types).
 * True once they are there.
 */
export function useSavedTabs(): boolean {
  const loaded = useQueryTabs((s) => s.loaded);
  useEffect(() => {
    persistence ??= startTabPersistence({
      list: () => call("tabs:list", {}),
      uiState: () => call("ui:getState", {}),
      save: (patch) => call("tabs:save", patch),
      saveAsPageLeaves: (patch) => callAsPageLeaves("tabs:save", patch),
      close: (id) => call("tabs:close", { id }),
      reorder: (ids) => call("tabs:reorder", { ids }),
      setActiveTabs: (activeTabByProfile, asPageLeaves) =>
        asPageLeaves
          ? callAsPageLeaves("ui:setState", { activeTabByProfile })
          : call("ui:setState", { activeTabByProfile }),
    }).then((p) => (persistenceNow = p));
  }, []);
  return loaded;
}

/** Whether leaving the page now would lose typing (a save refused, failing or not answered yet). */
export function tabsHaveUnsavedTextNow(): boolean {
  return persistenceNow?.wouldLoseOnLeave() ?? false;
}
