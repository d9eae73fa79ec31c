import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InputOf } from "../../../../shared/contract";
import { call } from "../../lib/api";

export const schemaKeys = {
  model: (profileId: string) => ["schema", "model", profileId] as const,
  ddl: (profileId: string, target: object) => ["schema", "ddl", profileId, target] as const,
  rows: (profileId: string, request: object) => ["schema", "rows", profileId, request] as const,
  count: (profileId: string, request: object) => ["schema", "count", profileId, request] as const,
  history: (profileId: string) => ["migrations", "history", profileId] as const,
  sizes: (profileId: string) => ["migrations", "sizes", profileId] as const,
};

/** The catalog model (cached in main; the renderer keeps it until refreshed). */
export function useSchemaModel(profileId: string) {
  return useQuery({
    queryKey: schemaKeys.model(profileId),
    queryFn: () => call("schema:introspect", { profileId }),
    staleTime: Infinity,
  });
}

export function useRefreshSchema(profileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("schema:refresh", { profileId }),
    onSuccess: (model) => {
      qc.setQueryData(schemaKeys.model(profileId), model);
      void qc.invalidateQueries({ queryKey: ["schema", "ddl", profileId] });
      void qc.invalidateQueries({ queryKey: ["schema", "rows", profileId] });
    },
  });
}

type DdlTarget = Omit<InputOf<"schema:ddl">, "profileId">;

export function useDdl(profileId: string, target: DdlTarget | undefined) {
  return useQuery({
    queryKey: schemaKeys.ddl(profileId, target ?? {}),
    queryFn: () => call("schema:ddl", { profileId, ...target! }),
    enabled: target !== undefined,
  });
}

/** The whole-database script, made on request (it reads the whole catalog, and the rows with data). */
export function useDatabaseScript(profileId: string) {
  return useMutation({
    mutationFn: (options: Omit<InputOf<"schema:script">, "profileId">) =>
      call("schema:script", { profileId, ...options }),
  });
}

type RowsRequest = Omit<InputOf<"schema:rows">, "profileId" | "after">;

/** Keyset pages: each page's `next` cursor fetches the following one ("load more"). */
export function useRows(profileId: string, request: RowsRequest | undefined) {
  return useInfiniteQuery({
    queryKey: schemaKeys.rows(profileId, request ?? {}),
    queryFn: ({ pageParam }) =>
      call("schema:rows", { profileId, ...request!, ...(pageParam ? { after: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled: request !== undefined,
  });
}

export function useExactCount(profileId: string) {
  return useMutation({
    mutationFn: (input: Omit<InputOf<"schema:rowCount">, "profileId">) =>
      call("schema:rowCount", { profileId, ...input }),
  });
}

export function useMigrationHistory(profileId: string) {
  return useQuery({
    queryKey: schemaKeys.history(profileId),
    queryFn: () => call("migrations:history", { profileId }),
  });
}

export function useSizes(profileId: string) {
  return useQuery({
    queryKey: schemaKeys.sizes(profileId),
    queryFn: () => call("migrations:sizes", { profileId, limit: 500 }),
  });
}

export function useCompareFolder(profileId: string) {
  return useMutation({
    mutationFn: (folder: string) => call("migrations:compareFolder", { profileId, folder }),
  });
}
