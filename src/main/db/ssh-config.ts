import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface SshHostConfig {
  hostName?: string;
  port?: number;
  user?: string;
  identityFile?: string;
}

/** The first value of each option among the Host blocks matching `alias`, as OpenSSH reads ~/.ssh/config. */
export function resolveSshConfig(text: string, alias: string, home: string): SshHostConfig {
  const out: SshHostConfig = {};
  let active = true; // options before any Host line apply to every host
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(\S+?)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = unquote(m[2]!.trim());
    if (key === "host") {
      active = hostMatches(value.split(/\s+/), alias);
      continue;
    }
    if (key === "match") {
      active = false; // Match blocks need runtime facts we do not have; skip them
      continue;
    }
    if (!active) continue;
    const expand = (v: string) =>
      v
        .replace(/^~(?=\/|$)/, home)
        .replace(/%h/g, alias)
        .replace(/%d/g, home);
    if (key === "hostname" && out.hostName === undefined) out.hostName = value.replace(/%h/g, alias);
    else if (key === "port" && out.port === undefined && /^\d+$/.test(value)) out.port = Number(value);
    else if (key === "user" && out.user === undefined) out.user = value;
    else if (key === "identityfile" && out.identityFile === undefined) out.identityFile = expand(value);
  }
  return out;
}

export async function readSshConfig(
  alias: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SshHostConfig> {
  const home = env.HOME ?? homedir();
  const text = await readFile(join(home, ".ssh", "config"), "utf8").catch(() => undefined);
  return text === undefined ? {} : resolveSshConfig(text, alias, home);
}

/** OpenSSH patterns: * and ?, !negation wins. */
function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith("!");
    const re = new RegExp(
      `^${(negated ? p.slice(1) : p)
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
      "i",
    );
    if (re.test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Host keys ~/.ssh/known_hosts lists for host:port (plain and hashed entries), base64 blobs by key type. */
export function knownHostKeys(
  text: string,
  host: string,
  port: number,
): Array<{ type: string; blob: string }> {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const out: Array<{ type: string; blob: string }> = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("@")) continue; // markers (@revoked, @cert-authority) are not plain keys
    const [hosts, type, blob] = line.split(/\s+/);
    if (!hosts || !type || !blob) continue;
    if (hosts.split(",").some((h) => hostEntryMatches(h, name))) out.push({ type, blob });
  }
  return out;
}

function hostEntryMatches(entry: string, name: string): boolean {
  if (entry.startsWith("|1|")) {
    const [, , salt, hash] = entry.split("|");
    if (!salt || !hash) return false;
    return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash;
  }
  return hostMatches([entry], name);
}

export async function readKnownHostKeys(host: string, port: number, env: NodeJS.ProcessEnv = process.env) {
  const text = await readFile(join(env.HOME ?? homedir(), ".ssh", "known_hosts"), "utf8").catch(() => "");
  return knownHostKeys(text, host, port);
}
