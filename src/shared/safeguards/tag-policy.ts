import { z } from "zod";
import { EnvironmentTag } from "../contract/profiles";

/** The tags a policy is kept for: each environment tag, and profiles without one. */
export const PolicyTag = z.enum([...EnvironmentTag.options, "untagged"]);
export type PolicyTag = z.infer<typeof PolicyTag>;

/** What the query editor guards against on the profiles of one tag. */
export const TagPolicy = z
  .object({
    /** UPDATE/DELETE without WHERE, DROP, TRUNCATE and ALTER … DROP ask before they run. */
    confirmDestructive: z.boolean(),
    /** A statement writing more rows than this by plain EXPLAIN's estimate asks first; null: no check. */
    confirmRowsOver: z.number().int().min(0).max(1_000_000_000_000).nullable(),
    /** Every run opens a transaction (if none is open) that the user commits or rolls back. */
    alwaysInTransaction: z.boolean(),
    /** A coloured frame around every screen of the profile. */
    frame: z.boolean(),
    /** The transaction badge warns once a transaction has been open this long; null: never. */
    idleTransactionWarningSeconds: z.number().int().min(1).max(86_400).nullable(),
  })
  .strict();
export type TagPolicy = z.infer<typeof TagPolicy>;

const relaxed: TagPolicy = {
  confirmDestructive: false,
  confirmRowsOver: null,
  alwaysInTransaction: false,
  frame: false,
  idleTransactionWarningSeconds: 600,
};

/** What each tag guards until the user changes it: production most, development nothing. */
export const DEFAULT_POLICIES: Readonly<Record<PolicyTag, TagPolicy>> = {
  production: {
    confirmDestructive: true,
    confirmRowsOver: 1_000,
    alwaysInTransaction: false,
    frame: true,
    idleTransactionWarningSeconds: 60,
  },
  staging: {
    confirmDestructive: true,
    confirmRowsOver: 10_000,
    alwaysInTransaction: false,
    frame: true,
    idleTransactionWarningSeconds: 300,
  },
  development: relaxed,
  // a copy restored to a point in time: scratch data to look at and copy out of
  restore: relaxed,
  demo: relaxed,
  untagged: relaxed,
};

/** The policy tag of a profile's environment tag. */
export function policyTagOf(tag: EnvironmentTag | undefined | null): PolicyTag {
  return tag ?? "untagged";
}

/** Saved policies over the defaults: a tag never saved keeps its default. */
export function effectivePolicies(
  saved: Partial<Record<PolicyTag, TagPolicy>>,
): Record<PolicyTag, TagPolicy> {
  return Object.fromEntries(
    PolicyTag.options.map((tag) => [tag, saved[tag] ?? DEFAULT_POLICIES[tag]]),
  ) as Record<PolicyTag, TagPolicy>;
}
