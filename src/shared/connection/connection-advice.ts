import { connectionFailureKind, type ConnectionAdvice, type ConnectionFailure } from "./connection-error";

/** Where the connection was going, to name it in the advice. */
export interface ConnectionTarget {
  host?: string | undefined;
  port?: number | undefined;
  user?: string | undefined;
  database?: string | undefined;
  sshHost?: string | undefined;
}

type Words = (t: Required<Record<keyof ConnectionTarget, string>>) => { what: string; tryThis: string[] };

const advice: Record<ConnectionAdvice["kind"], Words> = {
  "not-listening": (t) => ({
    what: `Nothing is listening at ${t.host}:${t.port}: the server is not running, or it listens on another port.`,
    tryThis: [
      "Start the server (pg_ctl start, or systemctl start postgresql).",
      `Check the port: PostgreSQL's default is 5432; the server's own is in postgresql.conf (port).`,
      "If the server runs on another machine, check listen_addresses includes an address you can reach.",
    ],
  }),
  "no-answer": (t) => ({
    what: `${t.host}:${t.port} did not answer in time: packets are dropped on the way, or the host is down.`,
    tryThis: [
      "Check that a firewall or cloud security group lets this machine reach that port.",
      "Check the host is up and the address is right (a VPN may be needed).",
      "On a slow link, raise the connect timeout in the profile.",
    ],
  }),
  unreachable: (t) => ({
    what: `There is no network route to ${t.host}.`,
    tryThis: ["Check the address, your network connection and any VPN the server needs."],
  }),
  dns: (t) => ({
    what: `The host name ${t.host} does not resolve to an address.`,
    tryThis: [
      "Check the spelling of the host name.",
      "If it is an internal name, connect to the network (or VPN) whose DNS knows it, or use its IP address.",
    ],
  }),
  "closed-early": (t) => ({
    what: `${t.host}:${t.port} closed the connection before PostgreSQL answered.`,
    tryThis: [
      "Check that this port belongs to PostgreSQL (or to PgBouncer), not to another service.",
      "A proxy or firewall between you and the server may cut the connection; the server's log may say why.",
    ],
  }),
  "tls-refused": (t) => ({
    what: `The server at ${t.host}:${t.port} does not accept TLS, and the profile's SSL mode requires it.`,
    tryThis: [
      "Turn TLS on at the server (ssl = on with a certificate), or",
      "on a network you trust, set SSL mode to prefer or disable.",
    ],
  }),
  "tls-required": (t) => ({
    what: `The server refuses unencrypted connections for user ${t.user} to database ${t.database} from this host (pg_hba.conf has no rule for them without TLS).`,
    tryThis: [
      "Set SSL mode to require (or verify-full with the server's CA) and test again.",
      "If TLS is not meant for this server, ask its DBA for a pg_hba.conf rule for this host, user and database.",
    ],
  }),
  "certificate-untrusted": () => ({
    what: "The server's TLS certificate is not signed by a certificate authority this profile trusts (it may be self-signed).",
    tryThis: [
      "Choose the server's CA file as the root certificate in the TLS section.",
      "Or set SSL mode to require to encrypt without checking who the server is (not for untrusted networks).",
    ],
  }),
  "certificate-expired": () => ({
    what: "The server's TLS certificate has expired (or is not valid yet).",
    tryThis: ["Ask the server's DBA to renew the certificate.", "Check this machine's clock."],
  }),
  "certificate-name": (t) => ({
    what: `The server's TLS certificate is not issued for ${t.host}.`,
    tryThis: [
      "Connect with the host name the certificate names.",
      "Or set SSL mode to verify-ca to check the chain without the host name.",
    ],
  }),
  "hba-reject": (t) => ({
    what: `The server's pg_hba.conf rejects user ${t.user} connecting to database ${t.database} from this host.`,
    tryThis: [
      "Ask the DBA to add a pg_hba.conf rule for this client address, user and database, then reload the server.",
      "Check that the user and database names are the ones the rules are written for.",
    ],
  }),
  "wrong-password": (t) => ({
    what: `The server did not accept the password for user ${t.user}.`,
    tryThis: [
      "Type the password again (it is case-sensitive); if it was changed recently, update the profile.",
      "If the password comes from ~/.pgpass, check that line.",
      "The server says the same when the user does not exist: check the user name.",
    ],
  }),
  "no-password": (t) => ({
    what: `The server asks for a password for user ${t.user}, and the profile has none.`,
    tryThis: ["Enter the password in the profile, or add a ~/.pgpass line for this host."],
  }),
  "role-missing": (t) => ({
    what: `There is no user (role) ${t.user} on the server.`,
    tryThis: ["Check the user name.", `Or create it: CREATE ROLE "${t.user}" LOGIN PASSWORD '…';`],
  }),
  "database-missing": (t) => ({
    what: `There is no database ${t.database} on the server.`,
    tryThis: [
      "Check the database name (names are case-sensitive when they were created quoted).",
      "Connect to the database postgres to see which databases exist.",
    ],
  }),
  "too-many-connections": () => ({
    what: "The server has no free connection slot (max_connections is reached).",
    tryThis: [
      "Close idle sessions (Activity shows them once you are in), or wait for clients to disconnect.",
      "Use a connection pooler (PgBouncer), or raise max_connections (needs a restart).",
    ],
  }),
  "not-accepting": () => ({
    what: "The server is starting up, shutting down or recovering, and accepts no connections now.",
    tryThis: ["Wait a moment and test again; the server's log tells how far it is."],
  }),
  "ssh-unreachable": (t) => ({
    what: `The SSH server ${t.sshHost} could not be reached.`,
    tryThis: [
      "Check the SSH host and port, and that sshd runs there.",
      "Check any VPN or firewall in between.",
    ],
  }),
  "ssh-login": (t) => ({
    what: `The SSH server ${t.sshHost} did not accept the login.`,
    tryThis: ["Check the SSH user, key file (or agent) and password."],
  }),
  "ssh-forward": (t) => ({
    what: `The SSH login worked, but ${t.sshHost} could not reach the database at ${t.host}:${t.port}.`,
    tryThis: [
      "Check the database host and port as seen from the SSH server (often localhost:5432).",
      "Check that PostgreSQL runs there, and that sshd allows TCP forwarding (AllowTcpForwarding).",
    ],
  }),
  "ssh-host-key": (t) => ({
    what: `The SSH host key of ${t.sshHost} is not the trusted one.`,
    tryThis: ["Compare the fingerprint with the server's before trusting it."],
  }),
};

/** What happened and what to try, or undefined when the error is not a connection failure pgdesk knows. */
export function connectionAdvice(
  failure: ConnectionFailure,
  target: ConnectionTarget = {},
): ConnectionAdvice | undefined {
  const kind = connectionFailureKind(failure);
  if (!kind) return undefined;
  const named = {
    host: target.host || "the server",
    port: target.port ? String(target.port) : "5432",
    user: target.user || "(default user)",
    database: target.database || "(default database)",
    sshHost: target.sshHost || "the SSH host",
  };
  return { kind, ...advice[kind](named) };
}
