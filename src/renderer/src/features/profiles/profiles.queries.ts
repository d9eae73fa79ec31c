import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InputOf } from "../../../../shared/contract";
import { call } from "../../lib/api";

export const profileKeys = {
  all: ["profiles"] as const,
};

export function useSaveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"profiles:save">) => call("profiles:save", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useDeleteProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("profiles:delete", { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (input: InputOf<"profiles:test">) => call("profiles:test", input) });
}
