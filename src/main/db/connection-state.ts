import type { ConnectionStatus } from "../../shared/contract/profiles";

/** Errors that mean "the server is gone or unreachable", as opposed to a bad query. */
export function isConnectionLoss(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const { code, message, connectionLoss } = err as {
    code?: unknown;
    message?: unknown;
    connectionLoss?: unknown;
  };
  if (connectionLoss === true) return true; // e.g. every host of a multi-host profile unreachable
  if (typeof code === "string") {
    if (/^(08|57P0[1-3])/.test(code)) return true;
    if (
      [
        "ECONNREFUSED",
        "ECONNRESET",
        "ETIMEDOUT",
        "EPIPE",
        "EHOSTUNREACH",
        "ENETUNREACH",
        "ENOTFOUND",
        "EAI_AGAIN",
      ].includes(code)
    ) {
      return true;
    }
  }
  return (
    typeof message === "string" &&
    /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i.test(
      message,
    )
  );
}

interface Entry {
  status: ConnectionStatus;
  failures: number;
  timer?: NodeJS.Timeout;
  probing?: Promise<void>;
}

export interface ConnectionStatesOptions {
  /** Opens one connection and runs SELECT 1; throws when the server cannot be reached. */
  probe(profileId: string): Promise<void>;
  onChange(status: ConnectionStatus): void;
  /** First retry delay; doubles per failure up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * What the app knows about each profile's server: connected, reconnecting, or
 * disconnected with an automatic retry (exponential backoff, capped) and a manual one.
 */
export class ConnectionStates {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ConnectionStatesOptions) {}

  get(profileId: string): ConnectionStatus {
    return this.entries.get(profileId)?.status ?? { profileId, state: "connected" };
  }

  /** A connection worked. */
  up(profileId: string): void {
    const entry = this.entries.get(profileId);
    if (!entry || entry.status.state === "connected") return;
    clearTimeout(entry.timer);
    entry.failures = 0;
    this.set(entry, { profileId, state: "connected" });
  }

  /** A connection was lost; check the server now and keep checking until it answers. */
  down(profileId: string, err: unknown): void {
    const entry = this.entry(profileId);
    if (entry.status.state !== "connected") return; // already on it
    this.set(entry, { profileId, state: "reconnecting", message: messageOf(err) });
    void this.probe(profileId);
  }

  /** Manual retry: probe now. */
  async retry(profileId: string): Promise<ConnectionStatus> {
    const entry = this.entries.get(profileId);
    if (!entry || entry.status.state === "connected") return this.get(profileId);
    clearTimeout(entry.timer);
    await this.probe(profileId);
    return this.get(profileId);
  }

  forget(profileId: string): void {
    clearTimeout(this.entries.get(profileId)?.timer);
    this.entries.delete(profileId);
  }

  forgetAll(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }

  private probe(profileId: string): Promise<void> {
    const entry = this.entry(profileId);
    entry.probing ??= this.options
      .probe(profileId)
      .then(
        () => this.up(profileId),
        (err: unknown) => {
          if (this.entries.get(profileId) !== entry) return; // forgotten meanwhile
          entry.failures++;
          const base = this.options.baseDelayMs ?? 1_000;
          const delay = Math.min(base * 2 ** (entry.failures - 1), this.options.maxDelayMs ?? 30_000);
          clearTimeout(entry.timer);
          entry.timer = setTimeout(() => void this.probe(profileId), delay);
          entry.timer.unref();
          this.set(entry, {
            profileId,
            state: "disconnected",
            message: messageOf(err),
            nextAttemptAt: Date.now() + delay,
          });
        },
      )
      .finally(() => {
        entry.probing = undefined;
      });
    return entry.probing;
  }

  private entry(profileId: string): Entry {
    let entry = this.entries.get(profileId);
    if (!entry) {
      entry = { status: { profileId, state: "connected" }, failures: 0 };
      this.entries.set(profileId, entry);
    }
    return entry;
  }

  private set(entry: Entry, status: ConnectionStatus): void {
    entry.status = status;
    this.options.onChange(status);
  }
}

function messageOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m || "connection lost";
}
