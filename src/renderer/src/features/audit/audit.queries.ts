import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { call } from "../../lib/api";

export const auditKeys = {
  detect: (profileId: string) => ["audit", "detect", profileId] as const,
  browse: (profileId: string, mapping: AuditMapping, filters: AuditFilters) =>
    ["audit", "browse", profileId, mapping, filters] as const,
  counts: (profileId: string, mapping: AuditMapping, filters: AuditFilters) =>
    ["audit", "counts", profileId, mapping, filters] as const,
  timeline: (profileId: string, mapping: AuditMapping, entity: string, entityId: string) =>
    ["audit", "timeline", profileId, mapping, entity, entityId] as const,
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
    queryKey: ["audit", "advice", profileId, mapping, use] as const,
    enabled: Boolean(mapping),
    queryFn: () => call("audit:advice", { profileId, mapping: mapping!, use }),
  });
}
