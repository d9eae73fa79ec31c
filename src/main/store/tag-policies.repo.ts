import { PolicyTag, TagPolicy } from "../../shared/safeguards/tag-policy";
import type { StoreClient } from "./client";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import type { StoreLog } from "./store-log";

/** The safeguards the user set per environment tag (tags never set keep their defaults). */
export class TagPoliciesRepo {
  constructor(
    private readonly db: StoreClient,
    private readonly log: StoreLog,
  ) {}

  /** The saved policies; one no longer readable is left out (its tag falls back to its default) and logged. */
  async list(): Promise<Partial<Record<PolicyTag, TagPolicy>>> {
    const rows = await this.db.tagPolicy.findMany();
    const out: Partial<Record<PolicyTag, TagPolicy>> = {};
    for (const row of rows) {
      const tag = PolicyTag.safeParse(row.tag);
      if (!tag.success) continue; // a newer pgdesk's tag
      const problems: string[] = [];
      const policy = fromJsonColumn(row.policy, TagPolicy, `The safeguards of "${row.tag}"`, problems);
      if (policy) out[tag.data] = policy;
      for (const p of problems) this.log.warn(`store: ${p}`);
    }
    return out;
  }

  /** Saves one tag's policy; null forgets it (the default applies again). */
  async save(tag: PolicyTag, policy: TagPolicy | null): Promise<void> {
    if (policy === null) {
      await this.db.tagPolicy.deleteMany({ where: { tag } });
      return;
    }
    const value = toJsonColumn(policy)!;
    const updatedAt = new Date();
    await this.db.tagPolicy.upsert({
      where: { tag },
      create: { tag, policy: value, updatedAt },
      update: { policy: value, updatedAt },
    });
  }
}
