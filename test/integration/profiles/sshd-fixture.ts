import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { useFixture } from "../../harness/fixture";
import { startOnFreePort } from "../../harness/ports";
import { within } from "../../harness/until";

export interface TestSshd {
  port: number;
  user: string;
  /** Unencrypted user key, and one encrypted with `passphrase`. */
  userKey: string;
  encryptedUserKey: string;
  passphrase: string;
  /** `ssh-keygen -lf` of the host key. */
  hostFingerprint: string;
  /** The host key's .pub line ("ssh-ed25519 AAAA... comment"). */
  hostPublicKey: string;
  /** Stops the listener and every session it forked (all our own processes). */
  stop(): Promise<void>;
  /** Starts again on the same port with the same host key. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const keygen = (args: string[]) =>
  execFileSync("ssh-keygen", args, { stdio: ["ignore", "pipe", "pipe"] }).toString();

/** Debian's OpenSSH sshd on a free loopback port (another if it was taken meanwhile), with throwaway host and user keys. */
export async function startTestSshd(): Promise<TestSshd> {
  const dir = await mkdtemp(join(tmpdir(), "pgdesk-sshd-"));
  let port = 0;
  const passphrase = "right horse battery";
  keygen(["-q", "-t", "ed25519", "-N", "", "-C", "pgdesk-test-host", "-f", join(dir, "host_key")]);
  keygen(["-q", "-t", "ed25519", "-N", "", "-C", "pgdesk-test-user", "-f", join(dir, "user_key")]);
  keygen([
    "-q",
    "-t",
    "ed25519",
    "-a",
    "1",
    "-N",
    passphrase,
    "-C",
    "pgdesk-test-user-enc",
    "-f",
    join(dir, "user_key_enc"),
  ]);
  const pubs = await Promise.all(
    ["user_key.pub", "user_key_enc.pub"].map((f) => readFile(join(dir, f), "utf8")),
  );
  await writeFile(join(dir, "authorized_keys"), pubs.join(""), { mode: 0o600 });
  const hostFingerprint = keygen(["-lf", join(dir, "host_key.pub")]).split(" ")[1]!;
  const config = join(dir, "sshd_config");
  const writeConfig = () =>
    writeFile(
      config,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${join(dir, "host_key")}`,
        `PidFile ${join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin prohibit-password",
        "AllowTcpForwarding yes",
        // INFO: sshd says "Server listening" once it has bound its port
        "LogLevel INFO",
        "",
      ].join("\n"),
    );
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 }); // privilege separation directory
  let child: ChildProcess | undefined;

  /** Starts sshd on `port` and waits for it to say it listens (or to exit, saying why). */
  const start = async () => {
    const sshd = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    child = sshd;
    let log = "";
    const listening = new Promise<void>((resolve, reject) => {
      sshd.stderr!.on("data", (d: Buffer) => {
        log += d.toString();
        if (log.includes(`Server listening on 127.0.0.1 port ${port}.`)) resolve();
      });
      sshd.once("exit", (code) => reject(new Error(`sshd did not start (exit ${code}): ${log}`)));
    });
    await within(listening, 15_000, `sshd on port ${port}`);
  };
  const stop = async () => {
    const master = child;
    if (!master?.pid || master.exitCode !== null) return;
    const exited = new Promise((resolve) => master.once("exit", resolve));
    // stopped, the listener forks no new session while we collect and end the existing ones
    master.kill("SIGSTOP");
    for (const pid of await descendants(master.pid)) signalIfAlive(pid);
    master.kill("SIGTERM");
    master.kill("SIGCONT");
    await exited;
  };
  await startOnFreePort(async (p) => {
    port = p;
    await writeConfig();
    await start();
  });
  return {
    port,
    user: userInfo().username,
    userKey: join(dir, "user_key"),
    encryptedUserKey: join(dir, "user_key_enc"),
    passphrase,
    hostFingerprint,
    hostPublicKey: (await readFile(join(dir, "host_key.pub"), "utf8")).trim(),
    start,
    stop,
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** startTestSshd() for the tests of the enclosing describe: started before them, disposed after them. */
export function useTestSshd(): TestSshd {
  return useFixture(startTestSshd, (sshd) => sshd.dispose());
}

/** A session may end on its own between the scan and the signal. */
function signalIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGTERM");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
  }
}

/** Processes whose parent chain leads to `root` (sshd forks one per session, and they fork again). */
async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}
