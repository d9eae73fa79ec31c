import type { ExplainOptions } from "../../../../shared/contract/explain";

/** What a first EXPLAIN asks for: buffers always, ANALYZE as the caller chose. */
export function defaultExplainOptions(analyze: boolean): ExplainOptions {
  return { analyze, buffers: true, verbose: false, settings: false, wal: false };
}

export const DEFAULT_EXPLAIN_TIMEOUT_S = 60;

/** SERIALIZE and MEMORY exist from PostgreSQL 17; unknown server versions are not held back. */
export function needsNewerServer(
  option: keyof ExplainOptions,
  serverVersionNum: number | undefined,
): boolean {
  return (
    (option === "serialize" || option === "memory") &&
    serverVersionNum !== undefined &&
    serverVersionNum < 170000
  );
}

/** The timeout box: whole seconds of at least 1; anything unreadable falls back to the default. */
export const timeoutSeconds = (typed: string) => Math.max(1, Number(typed) || DEFAULT_EXPLAIN_TIMEOUT_S);

/**
 * Explain is never re-run by itself (ANALYZE executes the statement): a request from the
 * editor's toolbar runs once, when its number is one the panel has not run yet.
 */
export const isNewRequest = (lastSeq: number | null, request: { seq: number } | undefined): boolean =>
  request !== undefined && request.seq !== lastSeq;
