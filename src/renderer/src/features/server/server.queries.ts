import { useQuery } from "@tanstack/react-query";
import { call } from "../../lib/api";

export const serverKeys = {
  overview: (profileId: string) => ["server", "overview", profileId] as const,
};

/** Version, uptime, sizes and databases of the connected server, refreshed every 30 s. */
export function useServerOverview(profileId: string) {
  return useQuery({
    queryKey: serverKeys.overview(profileId),
    queryFn: () => call("server:overview", { profileId }),
    refetchInterval: 30_000,
  });
}
