import { ApiError } from "../lib/api-error";

/** Shows an error as the server worded it. Always text: server strings never become HTML. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const data =
    error instanceof ApiError
      ? error.data
      : { message: error instanceof Error ? error.message : String(error) };
  return (
    <div
      role="alert"
      data-testid="error"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="font-medium whitespace-pre-wrap">{data.message}</div>
      {"sqlState" in data && data.sqlState && <div className="mt-1 text-xs">SQLSTATE {data.sqlState}</div>}
      {"detail" in data && data.detail && (
        <div className="mt-1 text-xs whitespace-pre-wrap">{data.detail}</div>
      )}
      {"hint" in data && data.hint && (
        <div className="mt-1 text-xs whitespace-pre-wrap">Hint: {data.hint}</div>
      )}
    </div>
  );
}
