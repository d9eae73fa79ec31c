import { z } from "zod";
import { PolicyTag, TagPolicy } from "../safeguards/tag-policy";
import { channel, NoInput } from "./channel";

export { PolicyTag, TagPolicy } from "../safeguards/tag-policy";

export const TagPolicies = z.record(PolicyTag, TagPolicy);
export type TagPolicies = z.infer<typeof TagPolicies>;

export const safeguardsChannels = {
  /** Each tag's policy in force (saved, else the default), and the defaults. */
  "safeguards:list": channel({
    input: NoInput,
    output: z.object({ policies: TagPolicies, defaults: TagPolicies }),
  }),
  /** Saves one tag's policy (null: back to its default); answers every tag's policy in force. */
  "safeguards:save": channel({
    input: z.object({ tag: PolicyTag, policy: TagPolicy.nullable() }).strict(),
    output: z.object({ policies: TagPolicies, defaults: TagPolicies }),
  }),
} as const;
