import type { ApiErrorData } from "../../../../shared/contract/errors";
import type { StatementView } from "./run-controller";

export type ResultTab = number | "messages";

/**
 * Which result tab shows: the one the user picked while it still exists; otherwise the
 * last statement that returned rows, unless something failed: then the messages, where
 * the error is.
 */
export function resultTabs(
  results: StatementView[],
  callError: ApiErrorData | undefined,
  picked: ResultTab | undefined,
): { withRows: StatementView[]; failed: boolean; active: ResultTab } {
  const withRows = results.filter((r) => r.data.columns.length > 0);
  const failed = results.some((r) => r.result?.error) || callError !== undefined;
  const fallback: ResultTab =
    withRows.length > 0 && !failed ? withRows[withRows.length - 1]!.index : "messages";
  const stillThere = picked === "messages" || withRows.some((r) => r.index === picked);
  return { withRows, failed, active: picked !== undefined && stillThere ? picked : fallback };
}
