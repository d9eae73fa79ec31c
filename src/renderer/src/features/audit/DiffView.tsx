import type { FieldChange } from "../../../../shared/contract/audit";
import { jsonText } from "./JsonText";

const kindStyle = {
  added: "text-emerald-700 dark:text-emerald-400",
  removed: "text-red-700 dark:text-red-400",
  changed: "text-amber-700 dark:text-amber-400",
};

/** Field-level changes of one event: path, kind, from → to, and line diffs for long text. */
export function DiffView({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0)
    return <p className="text-xs text-slate-600 dark:text-slate-400">No field changes recorded.</p>;
  return (
    <table className="w-full text-xs" data-testid="diff">
      <tbody>
        {changes.map((c) => (
          <tr
            key={c.path}
            className="border-t border-slate-200 align-top dark:border-slate-800"
            data-testid={`diff-${c.path}`}
          >
            <td className="py-1 pr-2 font-mono">{c.path}</td>
            <td className={`py-1 pr-2 ${kindStyle[c.kind]}`}>{c.kind}</td>
            <td className="py-1">
              {c.lines ? (
                <pre className="whitespace-pre-wrap">
                  {c.lines.map((l, i) => (
                    <div
                      key={i}
                      className={
                        l.op === "add"
                          ? "bg-emerald-100 dark:bg-emerald-950"
                          : l.op === "del"
                            ? "bg-red-100 line-through dark:bg-red-950"
                            : ""
                      }
                    >
                      {l.op === "add" ? "+ " : l.op === "del" ? "- " : "  "}
                      {l.text}
                    </div>
                  ))}
                </pre>
              ) : (
                <span className="font-mono">
                  {c.kind !== "added" && (
                    <span className="text-red-700 dark:text-red-400">{jsonText(c.from)}</span>
                  )}
                  {c.kind === "changed" && " → "}
                  {c.kind !== "removed" && (
                    <span className="text-emerald-700 dark:text-emerald-400">{jsonText(c.to)}</span>
                  )}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
