/** Any JSON value shown as text (strings unquoted); never parsed as markup. */
export function jsonText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className="max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap dark:bg-slate-900"
    >
      {value === null ? "null" : JSON.stringify(value, null, 2)}
    </pre>
  );
}
