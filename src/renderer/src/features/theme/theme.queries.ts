import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Theme, UiState } from "../../../../shared/contract/ui";
import { call } from "../../lib/api";

const uiStateKey = ["ui", "state"] as const;

/** The app's saved UI state (main's local store); the theme is one of its keys. */
export function useUiState() {
  return useQuery({ queryKey: uiStateKey, queryFn: () => call("ui:getState", {}), staleTime: Infinity });
}

/** The saved theme; "system" when never chosen. */
export function useSavedTheme(): Theme {
  return useUiState().data?.theme ?? "system";
}

/** Saves the theme; the page changes at once and goes back if main refuses. */
export function useSetTheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (theme: Theme) => call("ui:setState", { theme }),
    onMutate: (theme) => {
      const before = qc.getQueryData<UiState>(uiStateKey);
      if (before) qc.setQueryData(uiStateKey, { ...before, theme });
      return { before };
    },
    onError: (_e, _t, context) => context?.before && qc.setQueryData(uiStateKey, context.before),
    onSuccess: (saved) => qc.setQueryData(uiStateKey, saved),
  });
}
