import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, isPortTaken, startOnFreePort } from "./ports";

describe("starting on a free port", () => {
  it("starts again on a new port when the one it was given was taken meanwhile", async () => {
    const tried: number[] = [];
    const started = await startOnFreePort(async (port) => {
      tried.push(port);
      // PostgreSQL's own words when another program bound the port first
      if (tried.length < 3)
        throw new Error(`could not bind IPv4 address "127.0.0.1": Address already in use`);
      return port;
    });
    expect(tried).toHaveLength(3);
    expect(started).toBe(tried[2]);
  });

  it("throws any other failure at once, and the last one after its attempts", async () => {
    let calls = 0;
    const refused = startOnFreePort(async () => {
      calls++;
      throw new Error("initdb: permission denied");
    });
    await expect(refused).rejects.toThrow("permission denied");
    expect(calls).toBe(1);
    const taken = startOnFreePort(async () => {
      throw Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" });
    }, 2);
    await expect(taken).rejects.toThrow("EADDRINUSE");
  });

  it("knows a taken port from the errno and from PostgreSQL's and sshd's messages", async () => {
    const squatter = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    try {
      const second = createServer();
      const err = await new Promise<unknown>((resolve) => {
        second.once("error", resolve);
        second.listen(port, "127.0.0.1");
      });
      expect(isPortTaken(err)).toBe(true);
    } finally {
      squatter.close();
    }
    expect(isPortTaken(new Error("Bind to port 2222 on 127.0.0.1 failed: Address already in use."))).toBe(
      true,
    );
    expect(
      isPortTaken(new Error(`could not bind IPv4 address "10.9.9.9": Cannot assign requested address`)),
    ).toBe(false);
    expect(isPortTaken(new Error("password authentication failed"))).toBe(false);
  });
});
