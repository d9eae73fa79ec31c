import type pg from "pg";
import { AppError } from "../../shared/contract";
import type { TargetSessionAttrs } from "../../shared/contract/profiles";

/** One host:port of a profile's host list. */
export interface HostTarget {
  host: string;
  port: number;
}

export interface HostListSettings {
  host: string;
  port: number;
  additionalHosts?: HostTarget[] | undefined;
  loadBalanceHosts?: "disable" | "random" | undefined;
}

/** A host that was passed over, and why (a connect error or a session that did not match). */
export interface HostFailure extends HostTarget {
  reason: string;
  /** True when the host answered but its session did not match target_session_attrs. */
  mismatch: boolean;
  error: unknown;
}

export const hostLabel = (t: HostTarget): string =>
  t.host.includes(":") ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;

/**
 * The hosts in the order they are tried: as listed, or shuffled for
 * load_balance_hosts=random (libpq shuffles per connection attempt, so do we).
 */
export function hostTargets(settings: HostListSettings, random: () => number = Math.random): HostTarget[] {
  const list: HostTarget[] = [
    { host: settings.host, port: settings.port },
    ...(settings.additionalHosts ?? []),
  ];
  if (settings.loadBalanceHosts === "random") {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  return list;
}

/**
 * The passes over the host list libpq makes: prefer-standby first looks for a standby
 * on every host, then takes any server.
 */
export function selectionPasses(attrs: TargetSessionAttrs = "any"): TargetSessionAttrs[] {
  return attrs === "prefer-standby" ? ["standby", "any"] : [attrs];
}

/**
 * Whether the session matches what target_session_attrs asks for; undefined when it
 * does, else libpq's words. One query on the new session, for every server version:
 * - read-write / read-only: `current_setting('transaction_read_only')`, which is on for
 *   a hot standby and under default_transaction_read_only=on (e.g. ALTER DATABASE/ROLE
 *   SET). libpq 14+ reads the same facts from the in_hot_standby and
 *   default_transaction_read_only values a 14+ server reports at startup, and runs
 *   `SHOW transaction_read_only` for older servers; the outcome is the same.
 * - primary / standby: `pg_is_in_recovery()` (libpq: in_hot_standby, or that function
 *   on servers before 14).
 * node-postgres keeps no parameter-status map we could read, hence the query.
 */
export async function sessionMismatch(
  client: pg.Client,
  want: TargetSessionAttrs,
): Promise<string | undefined> {
  if (want === "any") return undefined;
  const { rows } = await client.query<{ recovery: boolean; read_only: string }>(
    "SELECT pg_catalog.pg_is_in_recovery() AS recovery, pg_catalog.current_setting('transaction_read_only') AS read_only",
  );
  const recovery = rows[0]!.recovery;
  const readOnly = rows[0]!.read_only === "on";
  switch (want) {
    case "read-write":
      return readOnly ? "session is read-only (target_session_attrs=read-write)" : undefined;
    case "read-only":
      return readOnly ? undefined : "session is not read-only (target_session_attrs=read-only)";
    case "primary":
      return recovery ? "server is in hot standby mode (target_session_attrs=primary)" : undefined;
    case "standby":
    case "prefer-standby":
      return recovery ? undefined : "server is not in hot standby mode (target_session_attrs=standby)";
  }
}

/**
 * The error when no host would do. A single host keeps its own error (the server's
 * message, SQLSTATE and field stay as they were); several hosts get one message that
 * lists every host tried and why it failed.
 */
export function noHostError(
  failures: HostFailure[],
  total: number,
  isLoss: (err: unknown) => boolean,
): unknown {
  if (total === 1 && failures.length === 1) {
    const only = failures[0]!;
    return only.mismatch ? new AppError("CONNECTION", `${hostLabel(only)}: ${only.reason}`) : only.error;
  }
  const lines = failures.map((f) => `${hostLabel(f)}: ${f.reason}`);
  const err = new NoHostError(
    `none of the ${total} hosts could be used: ${lines.join("; ")}`,
    lines.join("\n"),
  );
  // every host gone (not merely the wrong kind): the app shows Disconnected and retries
  err.connectionLoss = failures.every((f) => !f.mismatch && isLoss(f.error));
  return err;
}

export class NoHostError extends AppError {
  connectionLoss = false;
  constructor(message: string, detail: string) {
    super("CONNECTION", message, { detail });
  }
}

/** A failure's words: an AppError's or pg's message, with the code when there is one. */
export function failureReason(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown };
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(err);
  const code =
    typeof e?.code === "string" && !(err instanceof AppError) && !message.includes(e.code)
      ? ` (${e.code})`
      : "";
  return `${message}${code}`;
}
