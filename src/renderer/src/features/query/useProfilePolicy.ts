import {
  DEFAULT_POLICIES,
  policyTagOf,
  type PolicyTag,
  type TagPolicy,
} from "../../../../shared/safeguards/tag-policy";
import { useProfiles } from "../profiles";
import { useTagPolicies } from "./query.queries";

/**
 * The safeguards in force for a profile, by its environment tag (the saved policy, else the
 * default while the saved ones load). Main applies the same policy to every run.
 */
export function useProfilePolicy(profileId: string | undefined): { tag: PolicyTag; policy: TagPolicy } {
  const profiles = useProfiles();
  const policies = useTagPolicies();
  const tag = policyTagOf(profiles.data?.find((p) => p.id === profileId)?.tag);
  return { tag, policy: policies.data?.policies[tag] ?? DEFAULT_POLICIES[tag] };
}
