import type { AreaProps } from "../../app/areas";

/** The plan viewer for one statement; the Query page embeds it. Filled in by the EXPLAIN work. */
export function ExplainPanel(_props: AreaProps & { sql: string; analyze: boolean }) {
  return <p className="text-sm text-slate-500">EXPLAIN is not built yet.</p>;
}
