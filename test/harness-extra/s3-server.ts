import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../harness/ports";
import { until } from "../harness/until";
import { makeTestCertificates, type TestCertificates } from "../integration/profiles/tls-certificates";

export interface TestS3 {
  port: number;
  /** https://localhost:<port>: the certificate names DNS:localhost only (pgBackRest ignores IP SANs). */
  endpoint: string;
  bucket: string;
  certs: TestCertificates;
  /** s3rver's only accepted credentials. */
  accessKeyId: string;
  secretAccessKey: string;
  /** SIGSTOP: connections are accepted by the kernel and never answered (a stalled endpoint). */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

/** s3rver (npm) over HTTPS on a free loopback port, in a process of its own, with one bucket. */
export async function startTestS3(bucket = "pgdesk-test"): Promise<TestS3> {
  const certs = await makeTestCertificates();
  const dir = await mkdtemp(join(tmpdir(), "pgdesk-s3-"));
  const port = await freePort();
  const bin = join(process.cwd(), "node_modules", "s3rver", "bin", "s3rver.js");
  let log = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      "--directory",
      dir,
      "--address",
      "127.0.0.1",
      "--port",
      String(port),
      "--silent",
      "--key",
      certs.serverKey,
      "--cert",
      certs.serverCert,
      "--no-vhost-buckets",
      "--configure-bucket",
      bucket,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`s3rver exited: ${log}`);
      return accepts(port);
    },
    () => `s3rver to accept connections (${log})`,
    20_000,
    100,
  );
  return {
    port,
    endpoint: `https://localhost:${port}`,
    bucket,
    certs,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGCONT");
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
      await rm(certs.dir, { recursive: true, force: true });
    },
  };
}
