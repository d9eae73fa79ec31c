import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { FleetSettings, FleetSnapshot } from "../../../../shared/contract/fleet";
import { countStates, withRow } from "../../../../shared/fleet/fleet-order";
import { call, on } from "../../lib/api";
import { profileKeys } from "../profiles/profiles.queries";

export const fleetKeys = {
  snapshot: ["fleet", "snapshot"] as const,
  settings: ["fleet", "settings"] as const,
};

/**
 * The latest fleet run; each fleet:didProbe puts its row in place (worst first), and
 * fleet:didFinish marks the run done. Rows of another run are ignored.
 */
export function useFleetSnapshot() {
  const qc = useQueryClient();
  useEffect(() => {
    const offProbe = on("fleet:didProbe", ({ runId, row }) =>
      qc.setQueryData<FleetSnapshot>(fleetKeys.snapshot, (s) => {
        if (!s || s.runId !== runId) return s;
        const rows = withRow(s.rows, row);
        return { ...s, rows, counts: countStates(rows) };
      }),
    );
    const offFinish = on("fleet:didFinish", ({ runId, finishedAt }) => {
      qc.setQueryData<FleetSnapshot>(fleetKeys.snapshot, (s) =>
        s?.runId === runId ? { ...s, finishedAt } : s,
      );
      // the final snapshot also carries the run's peak concurrency
      void qc.invalidateQueries({ queryKey: fleetKeys.snapshot });
    });
    return () => {
      offProbe();
      offFinish();
    };
  }, [qc]);
  return useQuery({ queryKey: fleetKeys.snapshot, queryFn: () => call("fleet:snapshot", {}) });
}

export function useRefreshFleet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("fleet:refresh", {}),
    onSuccess: (s) => qc.setQueryData(fleetKeys.snapshot, s),
  });
}

export function useFleetSettings() {
  return useQuery({ queryKey: fleetKeys.settings, queryFn: () => call("fleet:settings", {}) });
}

export function useSaveFleetSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: FleetSettings) => call("fleet:saveSettings", s),
    onSuccess: (s) => qc.setQueryData(fleetKeys.settings, s),
  });
}

export function useImportPreview() {
  return useMutation({
    mutationFn: (input: InputOf<"inventory:preview">) => call("inventory:preview", input),
  });
}

/** Imports, then the profile list and the fleet pick the new profiles up. */
export function useImportProfiles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"inventory:import">) => call("inventory:import", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useLabelProfiles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"inventory:label">) => call("inventory:label", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}
