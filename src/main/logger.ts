/** Main's log. Services log events and error messages, never SQL parameters or secrets. */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function createConsoleLogger(prefix = "pgdesk"): Logger {
  const line = (level: string, message: string, details: unknown[]) =>
    `${new Date().toISOString()} ${prefix} ${level} ${message}${details.length ? " " + details.map(describe).join(" ") : ""}`;
  return {
    info: (m, ...d) => console.log(line("info", m, d)),
    warn: (m, ...d) => console.warn(line("warn", m, d)),
    error: (m, ...d) => console.error(line("error", m, d)),
  };
}

/** A logger that keeps lines in memory, for tests that check what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (m: string, ...d: unknown[]) => {
      lines.push(`${level} ${m} ${d.map(describe).join(" ")}`);
    };
  return { lines, info: push("info"), warn: push("warn"), error: push("error") };
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
