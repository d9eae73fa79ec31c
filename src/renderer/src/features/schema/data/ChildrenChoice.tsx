/**
 * The explicit choice for an inheritance or partition parent: its own rows only (FROM ONLY)
 * or with its children's. Rows and the exact count follow the same choice.
 */
export function ChildrenChoice({ only, onChange }: { only: boolean; onChange(only: boolean): void }) {
  return (
    <fieldset className="flex items-center gap-2" data-testid="children-choice">
      <legend className="sr-only">Rows of child tables</legend>
      <label className="flex items-center gap-1">
        <input
          type="radio"
          name="children"
          data-testid="with-children"
          checked={!only}
          onChange={() => onChange(false)}
        />
        With children
      </label>
      <label className="flex items-center gap-1">
        <input
          type="radio"
          name="children"
          data-testid="this-table-only"
          checked={only}
          onChange={() => onChange(true)}
        />
        This table only
      </label>
    </fieldset>
  );
}
