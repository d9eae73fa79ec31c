import type { ApiErrorData } from "../../../shared/contract/errors";
import { connectionAdvice, type ConnectionTarget } from "../../../shared/connection/connection-advice";
import { ApiError } from "../lib/api-error";

/**
 * Shows an error. A connection failure pgdesk can explain shows what happened and what to
 * try, with the server's own words one click away; any other error shows as the server
 * worded it. Always text: server strings never become HTML.
 */
export function ErrorMessage({ error, target }: { error: unknown; target?: ConnectionTarget }) {
  if (!error) return null;
  const data: ApiErrorData =
    error instanceof ApiError
      ? error.data
      : { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
  const advice = connectionAdvice(data, target);
  return (
    <div
      role="alert"
      data-testid="error"
      data-kind={advice?.kind}
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      {advice ? (
        <>
          <div className="font-medium" data-testid="error-what">
            {advice.what}
          </div>
          <ul className="mt-1 list-disc pl-5 text-xs" data-testid="error-advice" aria-label="What to try">
            {advice.tryThis.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer" data-testid="error-original-toggle">
              Show the original message
            </summary>
            <OriginalError data={data} />
          </details>
        </>
      ) : (
        <OriginalError data={data} />
      )}
    </div>
  );
}

function OriginalError({ data }: { data: ApiErrorData }) {
  return (
    <div data-testid="error-original">
      <div className="font-medium whitespace-pre-wrap">{data.message}</div>
      {data.sqlState && <div className="mt-1 text-xs">SQLSTATE {data.sqlState}</div>}
      {data.errno && <div className="mt-1 text-xs">{data.errno}</div>}
      {data.detail && <div className="mt-1 text-xs whitespace-pre-wrap">{data.detail}</div>}
      {data.hint && <div className="mt-1 text-xs whitespace-pre-wrap">Hint: {data.hint}</div>}
    </div>
  );
}
