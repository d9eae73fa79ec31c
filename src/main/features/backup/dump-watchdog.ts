import { AppError } from "../../../shared/contract";
import { probeServer, watchLiveness } from "../../db/liveness.probe";
import type { ConnectionParams } from "../../db/connection-params";

/**
 * pg_dump has no timeout of its own: on a black-holed network it waits forever. A
 * deadline would kill big dumps and dumps waiting on a lock, so instead this watches
 * for progress (a stderr line, a growing output file) and, after LIVENESS.silenceMs
 * without any, asks the server over a new connection. Only when that check gets no
 * answer is pg_dump stopped (through `signal`) and the job failed with `lostError()`.
 */
export class DumpWatchdog {
  private readonly abort = new AbortController();
  private last = Date.now();
  private bytes = 0;
  private reason: string | undefined;
  private readonly stopWatching: () => void;
  private readonly unlink: () => void;

  constructor(params: ConnectionParams, database: string, jobSignal: AbortSignal) {
    const forward = () => this.abort.abort();
    // a job cancelled before the dump started would never fire the listener
    if (jobSignal.aborted) forward();
    jobSignal.addEventListener("abort", forward, { once: true });
    this.unlink = () => jobSignal.removeEventListener("abort", forward);
    this.stopWatching = watchLiveness({
      lastActivity: () => this.last,
      probe: () => probeServer({ ...params, database }),
      onLost: (reason) => {
        this.reason = reason;
        this.abort.abort();
      },
    });
  }

  /** Aborted when the job is cancelled or the server is found unreachable. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** pg_dump said something. */
  line(): void {
    this.last = Date.now();
  }

  /** The output's size now; growth counts as progress. */
  size(bytes: number): void {
    if (bytes > this.bytes) {
      this.bytes = bytes;
      this.last = Date.now();
    }
  }

  /** Why pg_dump was stopped by the watchdog, if it was. */
  lostError(): AppError | undefined {
    if (this.reason === undefined) return undefined;
    return new AppError(
      "CONNECTION",
      `Connection to the server was lost: ${this.reason}. pg_dump was stopped and its partial output removed.`,
    );
  }

  stop(): void {
    this.stopWatching();
    this.unlink();
  }
}

/**
 * PGOPTIONS for pg_dump on PostgreSQL 14+: its backend checks every 5 s that pg_dump is
 * still there, so a dump killed or cut off while waiting on a lock leaves no backend
 * waiting on (and queueing others behind) that lock.
 */
export function orphanCheckOptions(serverMajor: number): { PGOPTIONS?: string } {
  return serverMajor >= 14 ? { PGOPTIONS: "-c client_connection_check_interval=5s" } : {};
}
