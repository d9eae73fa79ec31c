import { useQuery } from "@tanstack/react-query";
import { call } from "../../lib/api";

export const storeKeys = {
  status: () => ["store", "status"] as const,
};

/** The app's local store: its notices of this run, or why it could not be opened. */
export function useStoreStatus() {
  return useQuery({
    queryKey: storeKeys.status(),
    queryFn: () => call("store:status", {}),
    staleTime: Infinity,
    retry: false,
  });
}
