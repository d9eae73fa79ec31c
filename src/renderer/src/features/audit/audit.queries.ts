import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { call, on } from "../../lib/api";

export const auditKeys = {
  detect: (profileId: string) => ["audit", "detect", profileId] as const,
  browse: (profileId: string, mapping: AuditMapping, filters: AuditFilters) =>
    ["audit", "browse", profileId, mapping, filters] as const,
  counts: (profileId: string, mapping: AuditMapping, filters: AuditFilters) =>
    ["audit", "counts", profileId, mapping, filters] as const,
  timeline: (profileId: string, mapping: AuditMapping, entity: string, entityId: string) =>
    ["audit", "timeline", profileId, mapping, entity, entityId] as const,
  advice: (profileId: string, mapping: AuditMapping | undefined, use: "entity" | "time") =>
    ["audit", "advice", profileId, mapping, use] as const,
};

export function useDetect(profileId: string) {
  return useQuery({
    queryKey: auditKeys.detect(profileId),
    queryFn: () => call("audit:detect", { profileId }),
  });
}

export function useBrowse(profileId: string, mapping: AuditMapping | undefined, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.browse(profileId, mapping!, filters),
    enabled: Boolean(mapping),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call("audit:browse", {
        profileId,
        mapping: mapping!,
        filters,
        limit: 50,
        ...(pageParam ? { after: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCounts(profileId: string, mapping: AuditMapping | undefined, filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.counts(profileId, mapping!, filters),
    enabled: Boolean(mapping),
    queryFn: () => call("audit:counts", { profileId, mapping: mapping!, filters }),
  });
}

export function useTimeline(
  profileId: string,
  mapping: AuditMapping | undefined,
  entity: string | undefined,
  entityId: string | undefined,
) {
  return useQuery({
    queryKey: auditKeys.timeline(profileId, mapping!, entity ?? "", entityId ?? ""),
    enabled: Boolean(mapping && entity && entityId),
    queryFn: () =>
      call("audit:timeline", { profileId, mapping: mapping!, entity: entity!, entityId: entityId! }),
  });
}

export function useAdvice(profileId: string, mapping: AuditMapping | undefined, use: "entity" | "time") {
  return useQuery({
    queryKey: auditKeys.advice(profileId, mapping, use),
    enabled: Boolean(mapping),
    queryFn: () => call("audit:advice", { profileId, mapping: mapping!, use }),
  });
}

/** Saves a hand-made mapping; the source list is read again so it shows up there. */
export function useSaveMapping(profileId: string, onSaved: (mapping: AuditMapping) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (mapping: AuditMapping) => call("audit:saveMapping", { profileId, mapping }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: auditKeys.detect(profileId) });
      onSaved(m);
    },
  });
}

/** Writes the filtered events to a file on the machine running pgdesk. */
export function useAuditExport() {
  return useMutation({ mutationFn: (input: InputOf<"audit:export">) => call("audit:export", input) });
}

/** Rows written so far by the export to `path` (audit:didExportProgress), for the running count. */
export function useAuditExportProgress(path: string): [number, (rows: number) => void] {
  const [rows, setRows] = useState(0);
  useEffect(
    () =>
      on("audit:didExportProgress", (p) => {
        if (p.path === path) setRows(p.rows);
      }),
    [path],
  );
  return [rows, setRows];
}
