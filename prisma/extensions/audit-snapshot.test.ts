import { describe, expect, it } from "vitest";
import { changedFields, REDACTED, snapshot } from "./audit-snapshot";

describe("audit snapshots", () => {
  it("masks passwordHash, token and keyHash at any depth and keeps the rest", () => {
    const s = snapshot({
      id: "u1",
      passwordHash: "scrypt$x",
      sessions: [{ token: "t" }],
      key: { keyHash: "k", keyPrefix: "wby_" },
    });
    expect(s).toEqual({
      id: "u1",
      passwordHash: REDACTED,
      sessions: [{ token: REDACTED }],
      key: { keyHash: REDACTED, keyPrefix: "wby_" },
    });
  });

  it("turns dates and decimals into JSON values", () => {
    const s = snapshot({ at: new Date("2025-01-02T03:04:05.000Z"), price: { toJSON: () => "19.90" } });
    expect(s).toEqual({ at: "2025-01-02T03:04:05.000Z", price: "19.90" });
  });

  it("lists only the fields that changed, ignoring timestamps", () => {
    const before = { status: "PENDING", total: "10.00", updatedAt: "a" };
    const after = { status: "SHIPPED", total: "10.00", updatedAt: "b", notes: "fragile" };
    expect(changedFields(before, after)).toEqual({
      status: { from: "PENDING", to: "SHIPPED" },
      notes: { from: null, to: "fragile" },
    });
  });

  it("shows that a secret changed without showing either value", () => {
    expect(changedFields({ passwordHash: "old" }, { passwordHash: "new" })).toEqual({
      passwordHash: { from: REDACTED, to: REDACTED },
    });
  });
});
