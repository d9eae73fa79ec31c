import type { RetentionPolicy } from "../../../../shared/contract/backup";

/** The retention boxes as a policy: an empty box sets no limit of its kind. */
export function retentionPolicy(keepLast: string, newerThanDays: string): RetentionPolicy {
  return {
    ...(keepLast ? { keepLast: Number(keepLast) } : {}),
    ...(newerThanDays ? { newerThanDays: Number(newerThanDays) } : {}),
  };
}

/** Preview needs at least one limit: with neither, the policy would keep everything. */
export const hasRetentionLimit = (keepLast: string, newerThanDays: string) =>
  keepLast !== "" || newerThanDays !== "";
