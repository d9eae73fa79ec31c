import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import { dispatch } from "../../../src/main/ipc/dispatch";
import type { HandlerMap } from "../../../src/main/features/handler-types";
import { registry } from "../../../src/main/ipc/registry";
import { useTestWebHost } from "../../harness/app";
import { postText } from "../../harness/http";
import { createMemoryLogger } from "../../../src/main/logger";
import { channels, type ChannelName } from "../../../src/shared/contract";
import { malformedInputs } from "./malformed-inputs";

/** Every handler replaced by a tripwire: a malformed input must never reach one. */
function tripwireRegistry(reached: string[]): HandlerMap {
  return Object.fromEntries(
    Object.keys(registry).map((name) => [
      name,
      () => {
        reached.push(name);
        throw new Error(`handler ${name} reached`);
      },
    ]),
  ) as unknown as HandlerMap;
}

describe("IPC fuzzing: malformed input on every channel, through both hosts' dispatch", () => {
  const reached: string[] = [];
  const log = createMemoryLogger();
  const names = Object.keys(channels) as ChannelName[];
  const cases = new Map(names.map((name, i) => [name, malformedInputs(channels[name].input, 1000 + i)]));

  const host = useTestWebHost(tripwireRegistry(reached), log);

  it("generates malformed inputs for every channel", () => {
    for (const [name, list] of cases) expect(list.length, name).toBeGreaterThanOrEqual(1000);
    const total = [...cases.values()].reduce((n, l) => n + l.length, 0);
    console.log(`ipc fuzz: ${total} malformed inputs over ${names.length} channels`);
  });

  it("answers every one in-process (the Electron host's path) with a typed error, reaching no handler", async () => {
    const ctx = { ...host.ctx, signal: new AbortController().signal };
    const tripwires = tripwireRegistry(reached);
    for (const [name, list] of cases) {
      for (const text of list) {
        const result = await dispatch(tripwires, ctx, name, JSON.parse(text), { validateOutput: true });
        expect(result.ok, `${name} ${text.slice(0, 200)}`).toBe(false);
        if (!result.ok) expect(["VALIDATION", "PAYLOAD_TOO_LARGE"]).toContain(result.error.code);
      }
    }
    expect(reached).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a bound, not a figure: about 100,000 inputs over 96 channels took 80 s at load 16 on 2 cores
  }, 180_000);

  it("answers every one over HTTP (the web host) with a typed error, reaching no handler", async () => {
    const queue = [...cases].flatMap(([name, list]) => list.map((text) => ({ name, text })));
    const failures: string[] = [];
    // a few requests in flight at once, like a busy renderer; node:http on kept-alive sockets, as
    // fetch() costs about 2.5 times the CPU over 81,000 requests
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const worker = async () => {
      for (let job = queue.pop(); job; job = queue.pop()) {
        const body = JSON.parse(
          await postText(`${host.url}/api/${job.name}`, { token: host.token, body: job.text, agent }),
        ) as {
          ok: boolean;
          error?: { code: string };
        };
        if (body.ok || !["VALIDATION", "PAYLOAD_TOO_LARGE"].includes(body.error?.code ?? "")) {
          failures.push(`${job.name} ${job.text.slice(0, 200)} -> ${JSON.stringify(body).slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker)).finally(() => agent.destroy());
    expect(failures).toEqual([]);
    expect(reached).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // the host is still healthy afterwards
    const ok = await fetch(`${host.url}/api/app:info`, {
      method: "POST",
      headers: { Authorization: `Bearer ${host.token}` },
      body: "{}",
    });
    expect(ok.status).toBe(200);
  }, 240_000);
});
