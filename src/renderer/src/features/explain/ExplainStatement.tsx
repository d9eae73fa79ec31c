import { useState } from "react";
import { ExplainPanel } from "./ExplainPanel";

/** A statement typed here and explained on the current connection, without the query editor. */
export function ExplainStatement({ profileId }: { profileId: string }) {
  const [sql, setSql] = useState("");
  return (
    <section
      className="flex flex-col gap-2 border-t border-slate-200 pt-3 dark:border-slate-800"
      data-testid="plans-explain"
    >
      <h2 className="text-lg font-semibold">Explain a statement on this connection</h2>
      <textarea
        className="h-24 w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        spellCheck={false}
        placeholder="SELECT … (one statement)"
        data-testid="plans-explain-sql"
      />
      <ExplainPanel profileId={profileId} statement={() => sql} source={sql} />
    </section>
  );
}
