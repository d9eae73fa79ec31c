import { createPrivateKey } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { isIP } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from "node:tls";
import { AppError } from "../../shared/contract";
import type { SslMode } from "../../shared/contract/profiles";

/** The TLS part of a connection as libpq would set it up. */
export interface TlsSettings {
  /** The database's real host name when the socket goes elsewhere (an SSH tunnel's local end). */
  serverName?: string;
  sslmode?: SslMode;
  sslRootCert?: string;
  sslCert?: string;
  sslKey?: string;
  /** Passphrase of an encrypted sslKey (libpq sslpassword); a secret, opened in main. */
  sslPassword?: string;
}

export type Verification = "none" | "chain" | "chain+hostname";

/** One way to open the connection: `ssl` is what node-postgres gets. */
export interface TlsAttempt {
  ssl: false | ConnectionOptions;
  verified: Verification;
}

/** The plan for one sslmode: attempts in order, and when to move to the next. */
export interface TlsPlan {
  attempts: TlsAttempt[];
  /** Whether the failure of attempt i (i < last) lets the next one be tried, as libpq does. */
  fallsBack(error: unknown): boolean;
}

/**
 * Maps libpq's sslmode to explicit node-postgres `ssl` options. node-postgres' own
 * connection-string parsing turns sslmode=require into full verification; libpq's
 * require only encrypts (unless a root certificate is present, then it verifies the
 * chain like verify-ca). We never pass sslmode to pg, only the options built here.
 *
 * - disable: plain only.  allow: plain, then TLS if the server refuses plain.
 * - prefer (default): TLS, then plain if TLS is unavailable or fails.
 * - require: TLS without verification (chain verified if a root certificate exists).
 * - verify-ca: chain verified against the root certificate, host name not checked.
 * - verify-full: chain and host name verified.
 */
export async function tlsPlan(settings: TlsSettings, env: NodeJS.ProcessEnv = process.env): Promise<TlsPlan> {
  const mode = settings.sslmode ?? "prefer";
  if (mode === "disable") return { attempts: [{ ssl: false, verified: "none" }], fallsBack: () => false };

  const base = await clientMaterial(settings);
  const root = await rootCertificate(settings, mode, env);
  const encrypted = (): TlsAttempt => {
    if (mode === "verify-full") {
      const name = settings.serverName;
      const identity = name
        ? {
            ...(isIP(name) ? {} : { servername: name }),
            checkServerIdentity: (_h: string, cert: PeerCertificate) => checkServerIdentity(name, cert),
          }
        : {};
      return {
        ssl: { ...base, ...root!, ...identity, rejectUnauthorized: true },
        verified: "chain+hostname",
      };
    }
    if (mode === "verify-ca" || root) {
      // the chain must verify, the name in the certificate does not matter
      const skipName = (_host: string, _cert: PeerCertificate) => undefined;
      return {
        ssl: { ...base, ...root!, rejectUnauthorized: true, checkServerIdentity: skipName },
        verified: "chain",
      };
    }
    return { ssl: { ...base, rejectUnauthorized: false }, verified: "none" };
  };

  if (mode === "allow") {
    return { attempts: [{ ssl: false, verified: "none" }, encrypted()], fallsBack: isRejectedByServer };
  }
  if (mode === "prefer") {
    return {
      attempts: [encrypted(), { ssl: false, verified: "none" }],
      fallsBack: (e) => !isWrongPassword(e),
    };
  }
  return { attempts: [encrypted()], fallsBack: () => false };
}

/** Host-name check used by verify-full (Node's own, exposed for tests and messages). */
export { checkServerIdentity };

async function clientMaterial(settings: TlsSettings): Promise<ConnectionOptions> {
  const out: ConnectionOptions = {};
  if (settings.sslCert) out.cert = await readPemFile(settings.sslCert, "sslCert", "client certificate");
  if (settings.sslKey) {
    await checkKeyPermissions(settings.sslKey);
    out.key = await readPemFile(settings.sslKey, "sslKey", "private key");
    unlockKey(out.key, settings.sslKey, settings.sslPassword);
    if (settings.sslPassword !== undefined) out.passphrase = settings.sslPassword;
  }
  if (out.cert && !out.key) {
    throw new AppError("VALIDATION", "sslKey: a client certificate needs its private key file", {
      field: "sslKey",
    });
  }
  if (out.key && !out.cert) {
    throw new AppError("VALIDATION", "sslCert: a private key needs its client certificate file", {
      field: "sslCert",
    });
  }
  return out;
}

/**
 * Checks up front that the key opens with the passphrase given (libpq sslpassword), so a
 * wrong or missing one is reported on its field instead of as OpenSSL's "bad decrypt"
 * from somewhere inside the TLS handshake. Never echoes the passphrase.
 */
function unlockKey(pem: string, path: string, passphrase: string | undefined): void {
  try {
    createPrivateKey({ key: pem, format: "pem", ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const encrypted = /ENCRYPTED/.test(pem);
    if (encrypted && (code === "ERR_MISSING_PASSPHRASE" || passphrase === undefined || passphrase === "")) {
      throw new AppError(
        "VALIDATION",
        `sslPassword: private key file "${path}" is encrypted; enter its passphrase`,
        { field: "sslPassword" },
      );
    }
    if (encrypted) {
      throw new AppError(
        "VALIDATION",
        `sslPassword: the passphrase does not decrypt private key file "${path}"`,
        { field: "sslPassword" },
      );
    }
    throw new AppError(
      "VALIDATION",
      `sslKey: "${path}" is not a usable private key (${(err as Error).message})`,
      { field: "sslKey" },
    );
  }
}

async function rootCertificate(
  settings: TlsSettings,
  mode: SslMode,
  env: NodeJS.ProcessEnv,
): Promise<{ ca?: string } | undefined> {
  const verifies = mode === "verify-ca" || mode === "verify-full";
  if (settings.sslRootCert === "system") return {}; // Node's bundled trust store
  if (settings.sslRootCert)
    return { ca: await readPemFile(settings.sslRootCert, "sslRootCert", "root certificate") };
  // libpq's default location: used when present, required by verify-*
  const fallback = join(env.HOME ?? homedir(), ".postgresql", "root.crt");
  const text = await readFile(fallback, "utf8").catch(() => undefined);
  if (text !== undefined) return { ca: text };
  if (!verifies) return undefined;
  throw new AppError(
    "VALIDATION",
    `sslRootCert: sslmode ${mode} needs a root certificate; ${fallback} does not exist. Choose the CA file, or "system" for the OS trust store.`,
    { field: "sslRootCert" },
  );
}

async function readPemFile(path: string, field: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code})`;
    throw new AppError("VALIDATION", `${field}: ${what} file "${path}" ${why}`, { field });
  }
}

/** libpq refuses a private key others can read; so do we, with its wording. */
async function checkKeyPermissions(path: string): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  if (!st || process.platform === "win32") return;
  const uid = process.getuid?.();
  const limit = st.uid === 0 && uid !== 0 ? 0o640 : 0o600;
  if ((st.mode & 0o777 & ~limit) !== 0) {
    throw new AppError(
      "VALIDATION",
      `sslKey: private key file "${path}" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or u=rw,g=r (0640) or less if owned by root`,
      { field: "sslKey" },
    );
  }
}

function isWrongPassword(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "28P01";
}

/** Errors after which libpq's allow mode retries with TLS: the server refused the plain session. */
function isRejectedByServer(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === "28000" || code === "28P01" || code === "ECONNRESET";
}
