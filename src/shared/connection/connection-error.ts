import type { ApiErrorData } from "../contract/errors";

/** What kind of failure kept pgdesk from a server: one advice card per kind. */
export type ConnectionFailureKind =
  | "not-listening"
  | "no-answer"
  | "unreachable"
  | "dns"
  | "closed-early"
  | "tls-refused"
  | "tls-required"
  | "certificate-untrusted"
  | "certificate-expired"
  | "certificate-name"
  | "hba-reject"
  | "wrong-password"
  | "no-password"
  | "role-missing"
  | "database-missing"
  | "too-many-connections"
  | "not-accepting"
  | "ssh-unreachable"
  | "ssh-login"
  | "ssh-forward"
  | "ssh-host-key";

export interface ConnectionAdvice {
  kind: ConnectionFailureKind;
  /** What happened, in one sentence. */
  what: string;
  /** What to try, most likely first. */
  tryThis: string[];
}

/** The facts a failed connection carries: codes only, never the (possibly translated) message text. */
export type ConnectionFailure = Pick<
  ApiErrorData,
  "code" | "sqlState" | "errno" | "routine" | "tls" | "field"
>;

const NET_UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);
const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA"]);
const CLOSED_EARLY = new Set(["ECONNRESET", "EPIPE", "CONNECTION_CLOSED"]);
const CERT_UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REVOKED",
]);
const CERT_EXPIRED = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
const CERT_NAME = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH"]);

/**
 * Which kind of connection failure an error is, from SQLSTATE, the server's routine name
 * (C function names are never translated), the system or TLS error code and whether the
 * attempt was encrypted. undefined: not a connection failure pgdesk can explain.
 */
export function connectionFailureKind(e: ConnectionFailure): ConnectionFailureKind | undefined {
  const errno = e.errno;
  if (errno?.startsWith("SSH_")) return sshKind(errno);
  if (e.field === "ssh.hostKey") return "ssh-host-key";
  if (errno) {
    const kind = networkKind(errno);
    if (kind) return kind;
  }
  switch (e.sqlState) {
    case "28P01":
      return "wrong-password";
    case "3D000":
      return "database-missing";
    case "53300":
      return "too-many-connections";
    case "57P03":
      return "not-accepting";
    case "28000":
      if (e.routine === "InitializeSessionUserId") return "role-missing";
      return e.tls === false ? "tls-required" : "hba-reject";
    case undefined:
      break; // no SQLSTATE: the server never answered, or the failure was pgdesk's own
  }
  if (e.field === "password" && e.code === "CONNECTION") return "no-password";
  return undefined;
}

function sshKind(errno: string): ConnectionFailureKind {
  if (errno === "SSH_LOGIN") return "ssh-login";
  if (errno === "SSH_FORWARD") return "ssh-forward";
  return "ssh-unreachable";
}

function networkKind(errno: string): ConnectionFailureKind | undefined {
  if (errno === "ECONNREFUSED") return "not-listening";
  if (errno === "CONNECT_TIMEOUT" || errno === "ETIMEDOUT") return "no-answer";
  if (NET_UNREACHABLE.has(errno)) return "unreachable";
  if (DNS.has(errno)) return "dns";
  if (CLOSED_EARLY.has(errno)) return "closed-early";
  if (errno === "SSL_NOT_SUPPORTED") return "tls-refused";
  if (CERT_UNTRUSTED.has(errno)) return "certificate-untrusted";
  if (CERT_EXPIRED.has(errno)) return "certificate-expired";
  if (CERT_NAME.has(errno)) return "certificate-name";
  return undefined;
}
