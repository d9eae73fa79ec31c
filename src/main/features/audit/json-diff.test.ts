import { describe, expect, it } from "vitest";
import { applyChanges, diffJson, lineDiff } from "./json-diff";
import { createRedactor, MASK } from "./redact";

describe("diffJson", () => {
  it("reports added, removed and changed fields with nested paths", () => {
    const before = {
      status: "PENDING",
      total: "10.00",
      address: { city: "Rome", zip: "00100" },
      tags: ["a", "b"],
      old: 1,
    };
    const after = {
      status: "SHIPPED",
      total: "10.00",
      address: { city: "Milan", zip: "00100" },
      tags: ["a", "b", "c"],
      added: true,
    };
    expect(diffJson(before, after)).toEqual([
      { path: "status", kind: "changed", from: "PENDING", to: "SHIPPED" },
      { path: "address.city", kind: "changed", from: "Rome", to: "Milan" },
      { path: "tags[2]", kind: "added", to: "c" },
      { path: "old", kind: "removed", from: 1 },
      { path: "added", kind: "added", to: true },
    ]);
  });

  it("treats a missing snapshot as all fields added or removed", () => {
    expect(diffJson(null, { a: 1 })).toEqual([
      { path: "(value)", kind: "changed", from: null, to: { a: 1 } },
    ]);
    expect(diffJson({}, { a: 1 })).toEqual([{ path: "a", kind: "added", to: 1 }]);
  });

  it("diffs long text by line", () => {
    const a = "line one\nline two\nline three";
    const b = "line one\nline 2\nline three\nline four";
    const [change] = diffJson({ body: a }, { body: b });
    expect(change?.lines).toEqual([
      { op: "same", text: "line one" },
      { op: "del", text: "line two" },
      { op: "add", text: "line 2" },
      { op: "same", text: "line three" },
      { op: "add", text: "line four" },
    ]);
  });

  it("ignores the given top-level fields", () => {
    expect(diffJson({ updatedAt: 1, a: 1 }, { updatedAt: 2, a: 1 }, new Set(["updatedAt"]))).toEqual([]);
  });

  it("treats field names like constructor or toString as data, not as inherited properties", () => {
    expect(diffJson({ a: 1 }, { a: 1, constructor: "x", toString: 2 })).toEqual([
      { path: "constructor", kind: "added", to: "x" },
      { path: "toString", kind: "added", to: 2 },
    ]);
    expect(diffJson({ valueOf: 1 }, {})).toEqual([{ path: "valueOf", kind: "removed", from: 1 }]);
  });

  it("reports a value that changes between object, array and scalar as one change", () => {
    expect(diffJson({ a: { x: 1 } }, { a: [1] })).toEqual([
      { path: "a", kind: "changed", from: { x: 1 }, to: [1] },
    ]);
    expect(diffJson({ a: 1 }, { a: "1" })).toEqual([{ path: "a", kind: "changed", from: 1, to: "1" }]);
    expect(diffJson({ a: null }, { a: {} })).toEqual([{ path: "a", kind: "changed", from: null, to: {} }]);
  });

  it("line-diffs identical text to all same", () => {
    expect(lineDiff("x\ny", "x\ny").every((l) => l.op === "same")).toBe(true);
  });
});

describe("applyChanges", () => {
  it("applies both {from,to} and PaperTrail's [from,to] change sets", () => {
    expect(applyChanges({ a: 1, b: 2 }, { a: { from: 1, to: 5 } })).toEqual({ a: 5, b: 2 });
    expect(applyChanges({ a: 1 }, { a: [1, 7], c: [null, "x"] })).toEqual({ a: 7, c: "x" });
  });
});

describe("redaction", () => {
  const r = createRedactor(["passwordHash", "token", "keyHash", "secret", "apiKey"]);

  it("masks secret fields at any depth and in any naming style", () => {
    expect(
      r.redact({
        email: "a@b.c",
        passwordHash: "$scrypt$",
        nested: { password_hash: "x", api_key: "k" },
        list: [{ Token: "t" }],
      }),
    ).toEqual({
      email: "a@b.c",
      passwordHash: MASK,
      nested: { password_hash: MASK, api_key: MASK },
      list: [{ Token: MASK }],
    });
  });

  it("never mutates its input: a masked copy when there is a secret, the same value when there is none", () => {
    const secret = { a: { token: "t" }, b: [1] };
    const masked = r.redact(secret);
    expect(secret.a.token).toBe("t");
    expect(masked).toEqual({ a: { token: MASK }, b: [1] });
    const plain = { a: { status: "x" }, b: [{ c: 1 }] };
    expect(r.redact(plain)).toBe(plain);
  });

  it("answers the same for a name however often it is asked (memoized)", () => {
    for (let i = 0; i < 3; i++) {
      expect(r.isSecret("API-KEY")).toBe(true);
      expect(r.isSecretPath("a.b[3]")).toBe(false);
    }
  });

  it("keeps null secrets null (nothing to hide) and recognizes secret diff paths", () => {
    expect(r.redact({ token: null })).toEqual({ token: null });
    expect(r.isSecretPath("user.keyHash")).toBe(true);
    expect(r.isSecretPath("tokens[0].token")).toBe(true);
    expect(r.isSecretPath("status")).toBe(false);
  });
});
