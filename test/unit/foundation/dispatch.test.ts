import { describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/main/features/handler-types";
import { dispatch } from "../../../src/main/ipc/dispatch";
import type { CallContext, HandlerMap } from "../../../src/main/features/handler-types";
import { registry } from "../../../src/main/ipc/registry";
import { createMemoryLogger } from "../../../src/main/logger";
import { channels } from "../../../src/shared/contract";

function ctx(): CallContext {
  return { log: createMemoryLogger(), signal: new AbortController().signal } as unknown as AppContext &
    CallContext;
}

describe("dispatch", () => {
  it("has a handler for every channel of the contract and nothing else", () => {
    expect(Object.keys(registry).sort()).toEqual(Object.keys(channels).sort());
  });

  it("refuses a payload measured over 10 MB when the host does not know its size", async () => {
    const result = await dispatch(
      registry,
      ctx(),
      "app:info",
      { x: "y".repeat(10 * 1024 * 1024) },
      { validateOutput: true },
    );
    expect(result).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("refuses input that cannot be serialized (cycles, BigInt)", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await dispatch(registry, ctx(), "app:info", cyclic, { validateOutput: true })).toMatchObject({
      ok: false,
    });
    expect(await dispatch(registry, ctx(), "app:info", { n: 1n }, { validateOutput: true })).toMatchObject({
      ok: false,
    });
  });

  it("catches output that breaks the contract in development", async () => {
    const broken = { ...registry, "app:info": () => ({ host: "mars" }) } as unknown as HandlerMap;
    const result = await dispatch(broken, ctx(), "app:info", {}, { validateOutput: true });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "INTERNAL", message: "Output of app:info does not match the contract" },
    });
  });

  it("never lets a stack trace cross", async () => {
    const throwing = {
      ...registry,
      "app:info": () => {
        throw new TypeError("boom");
      },
    } as unknown as HandlerMap;
    const result = await dispatch(throwing, ctx(), "app:info", {}, { validateOutput: true });
    expect(result).toEqual({ ok: false, error: { code: "INTERNAL", message: "boom" } });
  });
});
