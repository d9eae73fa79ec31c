import type { ConnectionTest } from "../../../../shared/contract/profiles";
import { formatHostPort, serverWords, tlsSummary } from "./profile-form.model";

/** What Test connection found: version, latency, TLS, the host it landed on and the hosts passed over. */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  return (
    <div
      data-testid="test-result"
      className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
    >
      Connected: {serverWords(result.serverVersion)}, {result.latencyMs} ms
      {result.tls && (
        <span data-testid="test-tls">
          {" · "}
          {tlsSummary(result.tls)}
        </span>
      )}
      {result.host && (
        <span data-testid="test-host">
          {" · on "}
          {formatHostPort(result.host, result.port)}
        </span>
      )}
      {result.passwordSource && <span> · password from {result.passwordSource}</span>}
      {result.skipped?.map((f) => (
        <div
          key={`${f.host}:${f.port}`}
          data-testid="test-skipped"
          className="mt-1 text-xs text-slate-600 dark:text-slate-300"
        >
          passed over {f.host}:{f.port}: {f.reason}
        </div>
      ))}
      {result.warnings?.map((w) => (
        <div key={w} className="mt-1 text-xs text-amber-700 dark:text-amber-300">
          {w}
        </div>
      ))}
    </div>
  );
}
