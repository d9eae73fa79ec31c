import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { HandlerMap } from "../../../src/main/features/handler-types";
import { registry } from "../../../src/main/ipc/registry";
import { useTestWebHost } from "../../harness/app";
import { createMemoryLogger } from "../../../src/main/logger";

/** The real registry, with every handler wrapped to count how often it is reached. */
function countingRegistry(): { map: HandlerMap; reached: string[] } {
  const reached: string[] = [];
  const map = Object.fromEntries(
    Object.entries(registry).map(([name, fn]) => [
      name,
      (input: unknown, ctx: unknown) => {
        reached.push(name);
        return (fn as (i: unknown, c: unknown) => unknown)(input, ctx);
      },
    ]),
  ) as unknown as HandlerMap;
  return { map, reached };
}

describe("the web host", () => {
  const log = createMemoryLogger();
  const { map, reached } = countingRegistry();
  const host = useTestWebHost(map, log);

  const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${host.url}/api/${channel}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${host.token}`, ...headers },
      body,
    });

  it("binds to 127.0.0.1 only", () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers a call with the token", async () => {
    const res = await post("app:info", "{}");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      value: { host: "web", version: "test", platform: process.platform },
    });
  });

  it("refuses a call without the token with 401 and logs it without the body", async () => {
    const secretBody = JSON.stringify({ draft: { password: "canary-body-secret" } });
    const res = await fetch(`${host.url}/api/profiles:test`, { method: "POST", body: secretBody });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
    expect(log.lines.some((l) => l.includes("refused POST /api/profiles:test: 401"))).toBe(true);
    expect(log.lines.join("\n")).not.toContain("canary-body-secret");
  });

  it("refuses a wrong token, and the page itself without one", async () => {
    expect((await post("app:info", "{}", { Authorization: "Bearer nope" })).status).toBe(401);
    expect((await fetch(`${host.url}/`)).status).toBe(401);
    expect((await fetch(`${host.url}/?token=wrong`)).status).toBe(401);
  });

  it("refuses a foreign Origin even with the token", async () => {
    const res = await post("app:info", "{}", { Origin: "http://evil.example" });
    expect(res.status).toBe(403);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${host.url}/api/app:info`,
        {
          method: "POST",
          headers: { Host: "evil.example", Authorization: `Bearer ${host.token}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(403);
  });

  it("trades the launch token for an HttpOnly SameSite cookie", async () => {
    const res = await fetch(host.launchUrl, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Strict/);
  });

  it("answers malformed calls with typed validation errors that never reach a handler", async () => {
    const before = reached.length;
    const cases: Array<[string, string]> = [
      [
        "profiles:save",
        JSON.stringify({ draft: { name: "x", host: "h", port: "5432", database: "d", user: "u" } }),
      ],
      ["profiles:save", JSON.stringify({ draft: { name: "x" } })],
      [
        "profiles:save",
        JSON.stringify({
          draft: { name: "x", host: "-oProxyCommand=x", port: 5432, database: "d", user: "u" },
        }),
      ],
      ["profiles:delete", JSON.stringify({ id: "../../etc/passwd" })],
      ["profiles:delete", JSON.stringify({ id: "ok", extra: 1 })],
      ["server:overview", JSON.stringify({ profileId: 42 })],
      ["app:info", '{"__proto__":{"polluted":true},"x":1}'],
      ["profiles:delete", '{"id":"ok","constructor":{"prototype":{"polluted":true}}}'],
      ["profiles:list", "[1,2,3]"],
      ["profiles:list", "not json"],
    ];
    for (const [channel, body] of cases) {
      const res = await post(channel, body);
      const json = (await res.json()) as { ok: boolean; error: { code: string } };
      expect(json.ok, `${channel} ${body}`).toBe(false);
      expect(json.error.code).toBe("VALIDATION");
    }
    expect(reached.length).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names the field in a validation error", async () => {
    const res = await post(
      "profiles:save",
      JSON.stringify({ draft: { name: "x", host: "h", port: 70000, database: "d", user: "u" } }),
    );
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "draft.port", message: "draft.port: port must be 1-65535" },
    });
  });

  it("answers an unknown channel without reaching any handler", async () => {
    const before = reached.length;
    const res = await post("system:exec", "{}");
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "UNKNOWN_CHANNEL" } });
    expect(reached.length).toBe(before);
  });

  it("refuses a payload over 10 MB before it reaches a handler", async () => {
    const before = reached.length;
    const huge = JSON.stringify({ id: "x".repeat(10 * 1024 * 1024 + 10) });
    const res = await post("profiles:delete", huge);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(reached.length).toBe(before);
  });

  it("accepts WebSocket event subscriptions only with the token and our Origin", async () => {
    const wsUrl = `${host.url.replace("http", "ws")}/ws`;
    const outcome = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl, { headers });
        ws.on("open", () => {
          ws.close();
          resolve("open");
        });
        ws.on("error", () => resolve("refused"));
      });
    expect(await outcome({})).toBe("refused");
    expect(await outcome({ Cookie: `pgdesk_token=${host.token}`, Origin: "http://evil.example" })).toBe(
      "refused",
    );
    expect(await outcome({ Cookie: `pgdesk_token=${host.token}`, Origin: host.url })).toBe("open");
  });

  it("delivers events to an authorized socket", async () => {
    const ws = new WebSocket(`${host.url.replace("http", "ws")}/ws`, {
      headers: { Authorization: `Bearer ${host.token}` },
    });
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    const received = new Promise<unknown>((resolve) =>
      ws.on("message", (m) => resolve(JSON.parse(String(m)))),
    );
    host.ctx.emit("connection:didChangeState", { profileId: "p1", state: "reconnecting" });
    expect(await received).toEqual({
      event: "connection:didChangeState",
      payload: { profileId: "p1", state: "reconnecting" },
    });
    ws.close();
  });
});
