import { useState } from "react";
import { Button } from "../../components/Button";
import { useStoreStatus } from "./store.queries";

/**
 * Shown above every screen when the app's local store needs the user: its file was moved
 * aside (unreadable, or from a newer pgdesk), an old JSON file could not be imported, or
 * the store could not be opened at all (tabs and history are then not kept).
 */
export function StoreNoticeBanner() {
  const status = useStoreStatus();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const messages = status.error
    ? [status.error.message]
    : (status.data?.notices ?? []).filter((n) => n.kind !== "imported").map((n) => n.message);
  const shown = messages.filter((m) => !dismissed.has(m));
  if (shown.length === 0) return null;
  return (
    <div
      role="alert"
      className="flex flex-col gap-1 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      data-testid="store-notices"
    >
      {shown.map((message) => (
        <div key={message} className="flex items-center gap-2" data-testid="store-notice">
          <span className="flex-1">{message}</span>
          <Button onClick={() => setDismissed(new Set([...dismissed, message]))}>Dismiss</Button>
        </div>
      ))}
    </div>
  );
}
