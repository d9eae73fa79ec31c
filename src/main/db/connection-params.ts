import type { TargetSessionAttrs } from "../../shared/contract/profiles";
import type { SshTunnelParams } from "./ssh-tunnel";
import type { TlsSettings } from "./tls";

/** What the connection manager needs to open a connection. Never leaves main. */
export interface ConnectionParams extends TlsSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Every session runs with default_transaction_read_only=on. */
  readOnly?: boolean;
  connectTimeoutSeconds?: number;
  /** Default "pgdesk". */
  applicationName?: string;
  /** Where the password came from when the profile itself has none (e.g. a pgpass line). */
  passwordSource?: string;
  /** libpq-style warnings about ~/.pgpass (e.g. ignored for its permissions). */
  pgpassWarnings?: string[];
  /** A multi-host profile without a password: the ~/.pgpass match of each host ("host:port"). */
  pgpassByHost?: Record<string, { password: string | undefined; source: string | undefined }>;
  /**
   * The same TLS settings as libpq environment suffixes (PGSSL<KEY>), for child processes
   * (pg_dump, psql) so that they behave exactly as libpq's sslmode says.
   */
  tls?: { mode?: string; rootcert?: string; cert?: string; key?: string };
  /** Reach host:port through this SSH server (host/port above are as sshd sees them). */
  ssh?: SshTunnelParams;
  /** Hosts after host:port, tried in order (libpq host list). */
  additionalHosts?: Array<{ host: string; port: number }>;
  /** libpq target_session_attrs (default any). */
  targetSessionAttrs?: TargetSessionAttrs;
  /** libpq load_balance_hosts: random shuffles the host list per connection. */
  loadBalanceHosts?: "disable" | "random";
}
