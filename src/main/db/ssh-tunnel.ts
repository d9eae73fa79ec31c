import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { Client, type ConnectConfig } from "ssh2";
import { AppError } from "../../shared/contract";
import { readKnownHostKeys, readSshConfig } from "./ssh-config";

export interface SshTunnelParams {
  host: string;
  port: number;
  user: string;
  auth: "agent" | "key" | "password";
  keyFile?: string | undefined;
  /** Accepted fingerprint (SHA256:...); without one the first connection asks. */
  hostKey?: string | undefined;
  /** Password or key passphrase, opened in main. */
  secret?: string | undefined;
}

export interface SshTunnel {
  /** Local loopback port that forwards to the database host:port through sshd. */
  localPort: number;
  /** The key the server presented. */
  fingerprint: string;
  readonly closed: boolean;
  /** Why sshd last refused to forward a connection to the target (it could not reach it), if it did. */
  forwardFailure(): string | undefined;
  /** Called once when the SSH session ends (sshd gone, network dropped, close()). */
  onClose(fn: (reason: string) => void): void;
  close(): Promise<void>;
}

/** OpenSSH's fingerprint format for a raw host key blob. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/**
 * Opens an SSH session and a loopback listener forwarding every accepted socket to
 * target host:port through it. An unknown host key is refused with its fingerprint
 * (field ssh.hostKey) so the user can confirm it; a different key than the accepted
 * one is refused showing both.
 */
export async function openSshTunnel(
  ssh: SshTunnelParams,
  target: { host: string; port: number },
  options: { readyTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<SshTunnel> {
  const { client, fingerprint } = await openSshSession(
    ssh,
    options.env ?? process.env,
    options.readyTimeoutMs,
  );
  return forwardLocalPort(client, fingerprint, ssh, target);
}

/**
 * An SSH session with the tunnel's host-key checks (accepted fingerprint, else
 * ~/.ssh/known_hosts; an unknown key is refused with its fingerprint, a changed one
 * showing both), for commands run on the database host.
 */
export function connectSsh(
  ssh: SshTunnelParams,
  options: { readyTimeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ client: Client; fingerprint: string }> {
  return openSshSession(ssh, options.env ?? process.env, options.readyTimeoutMs);
}

/** An authenticated SSH session whose host key was accepted; answers the key's fingerprint too. */
async function openSshSession(
  ssh: SshTunnelParams,
  env: NodeJS.ProcessEnv,
  readyTimeoutMs = 15_000,
): Promise<{ client: Client; fingerprint: string }> {
  // ~/.ssh/config may name the host by an alias and give its key file and port
  const alias = await readSshConfig(ssh.host, env);
  const host = alias.hostName ?? ssh.host;
  const port = ssh.port === 22 && alias.port ? alias.port : ssh.port;
  const effective: SshTunnelParams = { ...ssh, host, port, keyFile: ssh.keyFile ?? alias.identityFile };
  const known = ssh.hostKey ? [] : await readKnownHostKeys(host, port, env);
  const client = new Client();
  const check: HostKeyCheck = {};
  const config: ConnectConfig = {
    host,
    port,
    username: ssh.user,
    readyTimeout: readyTimeoutMs,
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
    hostVerifier: hostKeyVerifier(ssh, known, check),
    ...(await authConfig(effective, env)),
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      client.removeListener("ready", ready);
      // a refused session may still report its closing socket: nobody is left to hear it
      client.on("error", () => undefined);
      client.end();
      reject(explain(err, ssh, check));
    };
    const ready = () => {
      client.removeListener("error", fail);
      resolve();
    };
    client.once("ready", ready);
    client.once("error", fail);
    try {
      client.connect(config);
    } catch (err) {
      fail(err as Error); // ssh2 throws synchronously for unparsable keys
    }
  });
  return { client, fingerprint: check.presented ?? "" };
}

/**
 * The profile's accepted key decides; without one, ~/.ssh/known_hosts does, as for
 * ssh(1). What was presented (and a different known key) is noted for the error.
 */
function hostKeyVerifier(
  ssh: SshTunnelParams,
  known: Array<{ type: string; blob: string }>,
  check: HostKeyCheck,
): (key: Buffer) => boolean {
  return (key) => {
    check.presented = fingerprintOf(key);
    if (ssh.hostKey) return ssh.hostKey === check.presented;
    const blob = key.toString("base64");
    if (known.some((k) => k.blob === blob)) return true;
    const sameType = known.find((k) => k.type === keyType(key));
    if (sameType) check.knownHostsKey = fingerprintOf(Buffer.from(sameType.blob, "base64"));
    return false;
  };
}

/** A loopback listener whose every socket is forwarded to target through the session. */
async function forwardLocalPort(
  client: Client,
  fingerprint: string,
  ssh: SshTunnelParams,
  target: { host: string; port: number },
): Promise<SshTunnel> {
  const sockets = new Set<Socket>();
  let forwardFailure: string | undefined;
  const listeners: Array<(reason: string) => void> = [];
  let closed = false;
  let reason = "SSH session closed";
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    client.forwardOut("127.0.0.1", 0, target.host, target.port, (err, stream) => {
      if (err) {
        forwardFailure = err.message;
        socket.destroy();
        return;
      }
      stream.on("error", () => socket.destroy());
      socket.pipe(stream).pipe(socket);
    });
  });
  const finish = () => {
    if (closed) return;
    closed = true;
    server.close();
    for (const s of sockets) s.destroy();
    for (const fn of listeners) fn(reason);
  };
  client.on("error", (err) => {
    reason = `SSH connection to ${ssh.host}:${ssh.port} lost: ${err.message}`;
    finish();
  });
  client.on("close", finish);

  const localPort = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });

  return {
    localPort,
    fingerprint,
    get closed() {
      return closed;
    },
    forwardFailure: () => forwardFailure,
    onClose: (fn) => {
      if (closed) fn(reason);
      else listeners.push(fn);
    },
    close: async () => {
      client.end();
      finish();
    },
  };
}

async function authConfig(ssh: SshTunnelParams, env: NodeJS.ProcessEnv): Promise<Partial<ConnectConfig>> {
  if (ssh.auth === "password") {
    if (!ssh.secret)
      throw new AppError("VALIDATION", "sshSecret: the SSH password is required", { field: "sshSecret" });
    return { password: ssh.secret };
  }
  if (ssh.auth === "agent") {
    const sock = env.SSH_AUTH_SOCK;
    if (!sock)
      throw new AppError("VALIDATION", "ssh.auth: no SSH agent is running (SSH_AUTH_SOCK is not set)", {
        field: "ssh.auth",
      });
    return { agent: sock };
  }
  if (!ssh.keyFile) {
    // ssh(1)'s default identities
    const home = env.HOME ?? "";
    for (const name of ["id_ed25519", "id_ecdsa", "id_rsa"]) {
      const key = await readFile(`${home}/.ssh/${name}`).catch(() => undefined);
      if (key) return { privateKey: key, ...(ssh.secret ? { passphrase: ssh.secret } : {}) };
    }
    throw new AppError(
      "VALIDATION",
      "ssh.keyFile: choose the private key file (no ~/.ssh/config IdentityFile or default key found)",
      { field: "ssh.keyFile" },
    );
  }
  let key: Buffer;
  try {
    key = await readFile(ssh.keyFile);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code})`;
    throw new AppError("VALIDATION", `ssh.keyFile: private key file "${ssh.keyFile}" ${why}`, {
      field: "ssh.keyFile",
    });
  }
  return { privateKey: key, ...(ssh.secret ? { passphrase: ssh.secret } : {}) };
}

interface HostKeyCheck {
  presented?: string;
  /** A different key of the same type that ~/.ssh/known_hosts has for the host. */
  knownHostsKey?: string;
}

/** The key type named at the start of an SSH public key blob (e.g. ssh-ed25519). */
function keyType(blob: Buffer): string {
  if (blob.length < 4) return "";
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString("latin1");
}

function explain(err: Error, ssh: SshTunnelParams, check: HostKeyCheck): Error {
  const where = `${ssh.host}:${ssh.port}`;
  const presented = check.presented;
  if (presented && check.knownHostsKey && !ssh.hostKey) {
    return new AppError(
      "CONFLICT",
      `The SSH host key of ${where} has CHANGED: ~/.ssh/known_hosts has ${check.knownHostsKey}, the server presented ${presented}. Refusing to connect; someone may be intercepting the connection.`,
      { field: "ssh.hostKey", detail: presented },
    );
  }
  if (presented && presented !== ssh.hostKey) {
    if (!ssh.hostKey) {
      return new AppError(
        "CONFLICT",
        `The SSH host key of ${where} is not trusted yet. Its fingerprint is ${presented}; confirm it matches the server's before trusting it.`,
        { field: "ssh.hostKey", detail: presented },
      );
    }
    return new AppError(
      "CONFLICT",
      `The SSH host key of ${where} has CHANGED: expected ${ssh.hostKey}, the server presented ${presented}. Refusing to connect; someone may be intercepting the connection.`,
      { field: "ssh.hostKey", detail: presented },
    );
  }
  const m = err.message;
  if (/passphrase|Encrypted private|bad decrypt|Cannot parse privateKey/i.test(m)) {
    const field = /no passphrase given|bad passphrase|bad decrypt|Encrypted/i.test(m)
      ? "sshSecret"
      : "ssh.keyFile";
    return new AppError("VALIDATION", `${field}: the private key cannot be used: ${m}`, { field });
  }
  if (/All configured authentication methods failed/i.test(m)) {
    return new AppError("CONNECTION", `SSH login to ${where} as ${ssh.user} failed: ${m}`, {
      errno: "SSH_LOGIN",
    });
  }
  return new AppError("CONNECTION", `SSH connection to ${where} failed: ${m}`, { errno: "SSH_CONNECT" });
}

/**
 * One tunnel per database host of a multi-host profile (in list order), for a child
 * process that gets them all as libpq host lists. Nothing is left open if one fails.
 */
export async function openSshTunnels(
  ssh: SshTunnelParams,
  targets: Array<{ host: string; port: number }>,
): Promise<{ localPorts: number[]; close(): Promise<void> }> {
  const opened: SshTunnel[] = [];
  const close = async () => void (await Promise.all(opened.map((t) => t.close())));
  try {
    for (const target of targets) opened.push(await openSshTunnel(ssh, target));
  } catch (err) {
    await close();
    throw err;
  }
  return { localPorts: opened.map((t) => t.localPort), close };
}
