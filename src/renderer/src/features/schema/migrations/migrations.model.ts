import type { FolderComparison, MigrationEntry } from "../../../../../shared/contract/migrations";

export type ChecksumState = FolderComparison["entries"][number]["state"];

/** Each migration's comparison with the folder, by name (empty before a comparison). */
export function checksumStates(comparison: FolderComparison | undefined): Map<string, ChecksumState> {
  return new Map(comparison?.entries.map((e) => [e.name, e.state]) ?? []);
}

/** Migrations the folder has and the database never applied, in folder order. */
export function notYetApplied(comparison: FolderComparison | undefined): string[] {
  return comparison?.entries.filter((e) => e.state === "onlyInFolder").map((e) => e.name) ?? [];
}

export const statusLabel = (status: MigrationEntry["status"]) =>
  status === "rolledBack" ? "rolled back" : status;
