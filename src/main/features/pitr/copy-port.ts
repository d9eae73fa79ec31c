import { randomInt } from "node:crypto";
import { AppError } from "../../../shared/contract";
import { freePort } from "../../db/ports";
import { runOnHost, type CommandHost } from "../../db/host-command";

/** Ports listening on the host, from `ss -Hltn` ("LISTEN 0 244 127.0.0.1:5432 0.0.0.0:*"). */
export function listeningPorts(ssOutput: string): Set<number> {
  const ports = new Set<number>();
  for (const line of ssOutput.split("\n")) {
    const local = line.trim().split(/\s+/)[3];
    const port = local ? Number(/:(\d+)$/.exec(local)?.[1]) : NaN;
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

/** A free TCP port for a restored copy on the host where it will run. */
export async function copyPort(host: CommandHost, osUser: string): Promise<number> {
  if (host.kind === "local") return freePort();
  const r = await runOnHost(host, { file: "ss", args: ["-Hltn"], asUser: osUser, timeoutMs: 20_000 });
  if (r.code !== 0)
    throw new AppError(
      "UNSUPPORTED",
      `Cannot list ports in use on ${host.ssh.host} (ss -Hltn): ${r.stderr.trim()}`,
    );
  const used = listeningPorts(r.stdout);
  for (let i = 0; i < 50; i++) {
    const port = randomInt(40_000, 60_000);
    if (!used.has(port)) return port;
  }
  throw new AppError("CONFLICT", `No free port found on ${host.ssh.host} between 40000 and 60000.`);
}
