import { useState } from "react";
import { PolicyTag, type TagPolicy } from "../../../../shared/safeguards/tag-policy";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Modal } from "../../components/Modal";
import { useSaveTagPolicy, useTagPolicies } from "./query.queries";

/** Each environment tag's safeguards, edited one tag at a time (main enforces what is saved). */
export function SafeguardsDialog({ initialTag, onClose }: { initialTag: PolicyTag; onClose(): void }) {
  const [tag, setTag] = useState<PolicyTag>(initialTag);
  const policies = useTagPolicies();
  const current = policies.data?.policies[tag];
  return (
    <Modal title="Safeguards by environment tag" onClose={onClose} testId="safeguards-dialog">
      <label className="flex items-center gap-2">
        Tag
        <select
          value={tag}
          onChange={(e) => setTag(e.target.value as PolicyTag)}
          className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
          data-testid="safeguards-tag"
        >
          {PolicyTag.options.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {policies.error && <ErrorMessage error={policies.error} />}
      {current && policies.data && (
        <PolicyForm
          key={tag}
          tag={tag}
          policy={current}
          defaults={policies.data.defaults[tag]}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function PolicyForm({
  tag,
  policy,
  defaults,
  onClose,
}: {
  tag: PolicyTag;
  policy: TagPolicy;
  defaults: TagPolicy;
  onClose(): void;
}) {
  const [draft, setDraft] = useState(policy);
  const save = useSaveTagPolicy();
  const set = (patch: Partial<TagPolicy>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <div className="flex flex-col gap-2">
      <Check
        label="Ask before UPDATE/DELETE without WHERE, DROP, TRUNCATE, ALTER … DROP"
        checked={draft.confirmDestructive}
        onChange={(v) => set({ confirmDestructive: v })}
        testId="policy-destructive"
      />
      <OptionalNumber
        label="Ask before a statement writing more rows than (plain EXPLAIN's estimate)"
        value={draft.confirmRowsOver}
        onChange={(v) => set({ confirmRowsOver: v })}
        testId="policy-rows"
      />
      <Check
        label="Always run inside a transaction, and ask to commit"
        checked={draft.alwaysInTransaction}
        onChange={(v) => set({ alwaysInTransaction: v })}
        testId="policy-transaction"
      />
      <Check
        label="Coloured frame around every screen of the profile"
        checked={draft.frame}
        onChange={(v) => set({ frame: v })}
        testId="policy-frame"
      />
      <OptionalNumber
        label="Warn when a transaction has been open longer than (seconds)"
        value={draft.idleTransactionWarningSeconds}
        onChange={(v) => set({ idleTransactionWarningSeconds: v === 0 ? null : v })}
        testId="policy-idle"
      />
      {save.error && <ErrorMessage error={save.error} />}
      <div className="flex justify-end gap-2">
        <Button onClick={() => save.mutate({ tag, policy: null }, { onSuccess: () => setDraft(defaults) })}>
          Back to defaults
        </Button>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="primary"
          onClick={() => save.mutate({ tag, policy: draft }, { onSuccess: onClose })}
          data-testid="policy-save"
        >
          Save
        </Button>
      </div>
    </div>
  );
}

function Check(p: { label: string; checked: boolean; onChange(v: boolean): void; testId: string }) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
        data-testid={p.testId}
      />
      {p.label}
    </label>
  );
}

/** A number the user may switch off (null). */
function OptionalNumber(p: {
  label: string;
  value: number | null;
  onChange(v: number | null): void;
  testId: string;
}) {
  return (
    <label className="flex flex-wrap items-center gap-2">
      <input
        type="checkbox"
        checked={p.value !== null}
        onChange={(e) => p.onChange(e.target.checked ? 1000 : null)}
      />
      {p.label}
      <input
        type="number"
        min={1}
        disabled={p.value === null}
        value={p.value ?? ""}
        onChange={(e) => p.onChange(Math.max(1, Math.trunc(Number(e.target.value)) || 1))}
        className="w-28 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
        data-testid={p.testId}
      />
    </label>
  );
}
