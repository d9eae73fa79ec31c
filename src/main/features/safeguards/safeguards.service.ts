import {
  DEFAULT_POLICIES,
  effectivePolicies,
  policyTagOf,
  type PolicyTag,
  type TagPolicy,
} from "../../../shared/safeguards/tag-policy";
import type { AppContext } from "../handler-types";

export interface PoliciesAnswer {
  policies: Record<PolicyTag, TagPolicy>;
  defaults: Record<PolicyTag, TagPolicy>;
}

/** Every tag's policy in force, and the defaults. */
export async function listPolicies(ctx: AppContext): Promise<PoliciesAnswer> {
  const saved = await (await ctx.store()).tagPolicies.list();
  return { policies: effectivePolicies(saved), defaults: { ...DEFAULT_POLICIES } };
}

export async function savePolicy(
  ctx: AppContext,
  tag: PolicyTag,
  policy: TagPolicy | null,
): Promise<PoliciesAnswer> {
  await (await ctx.store()).tagPolicies.save(tag, policy);
  return listPolicies(ctx);
}

/**
 * The policy a profile's statements run under, read at each run (an edit of the profile's
 * tag or of the policy applies to the next run). A store that cannot be read falls back to
 * the tag's default, never to no safeguards.
 */
export async function policyForProfile(
  ctx: AppContext,
  profileId: string,
): Promise<{ tag: PolicyTag; policy: TagPolicy }> {
  const tag = policyTagOf((await ctx.profiles.get(profileId)).tag);
  try {
    const saved = await (await ctx.store()).tagPolicies.list();
    return { tag, policy: saved[tag] ?? DEFAULT_POLICIES[tag] };
  } catch (err) {
    ctx.log.warn(`safeguards: the saved policy of "${tag}" could not be read; its default applies`, err);
    return { tag, policy: DEFAULT_POLICIES[tag] };
  }
}
