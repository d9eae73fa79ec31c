import type { ExplainOptions } from "../../../../shared/contract/explain";
import { needsNewerServer, timeoutSeconds } from "./explain-options.model";

const OPTION_LABELS: Array<[keyof ExplainOptions, string]> = [
  ["analyze", "ANALYZE"],
  ["buffers", "BUFFERS"],
  ["verbose", "VERBOSE"],
  ["settings", "SETTINGS"],
  ["wal", "WAL"],
  ["serialize", "SERIALIZE (17+)"],
  ["memory", "MEMORY (17+)"],
];

/** The EXPLAIN options (those the server is too old for shown, disabled) and the timeout. */
export function ExplainOptionsBar({
  options,
  onOption,
  timeoutSec,
  onTimeout,
  serverVersionNum,
}: {
  options: ExplainOptions;
  onOption(k: keyof ExplainOptions, v: boolean): void;
  timeoutSec: number;
  onTimeout(sec: number): void;
  serverVersionNum: number | undefined;
}) {
  return (
    <>
      {OPTION_LABELS.map(([k, label]) => {
        const tooOld = needsNewerServer(k, serverVersionNum);
        return (
          <label
            key={k}
            className={`flex items-center gap-1 ${tooOld ? "opacity-50" : ""}`}
            title={tooOld ? "Needs PostgreSQL 17 or newer" : undefined}
          >
            <input
              type="checkbox"
              checked={options[k] === true}
              disabled={tooOld}
              onChange={(e) => onOption(k, e.target.checked)}
              data-testid={`explain-option-${k}`}
            />
            {label}
          </label>
        );
      })}
      <label className="flex items-center gap-1">
        Timeout
        <input
          type="number"
          min={1}
          max={3600}
          value={timeoutSec}
          onChange={(e) => onTimeout(timeoutSeconds(e.target.value))}
          className="w-16 rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
          data-testid="explain-timeout"
        />
        s
      </label>
    </>
  );
}
