import { connect } from "node:net";

export { freePort, isPortTaken, startOnFreePort } from "../../src/main/db/ports";

/**
 * Loopback ports nothing listens on, for "a host that is down" (connections are refused).
 * Privileged ports (below 1024): only root can listen on one and no test does, so they stay
 * closed while the test runs; a port the OS handed out and released can be handed to any
 * other program (other tests start servers on this machine all the time).
 */
export async function closedPorts(count: number): Promise<number[]> {
  const found: number[] = [];
  for (let port = 1; port < 1024 && found.length < count; port++) if (await refused(port)) found.push(port);
  if (found.length < count) throw new Error(`fewer than ${count} closed ports below 1024 on 127.0.0.1`);
  return found;
}

export async function closedPort(): Promise<number> {
  return (await closedPorts(1))[0]!;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });
}
