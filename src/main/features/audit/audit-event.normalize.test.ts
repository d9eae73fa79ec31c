import { describe, expect, it } from "vitest";
import type { AuditMapping } from "../../../shared/contract/audit";
import { decodeCursor, encodeCursor, normalizeEvent, timeFromJson } from "./audit-event.normalize";
import { createRedactor, MASK } from "./redact";

describe("keyset cursor", () => {
  it("round-trips any time key and id, colons and length digits included", () => {
    for (const [time_key, id] of [
      ["2025-01-01T00:00:01.5", "0000000001"],
      ["2025-01-01T00:00:01+05:30", "12:34:56"],
      ["0044-03-15T00:00:00 BC", "ü🙂\u0000x"],
      ["123", ""],
    ] as const) {
      expect(decodeCursor(encodeCursor({ time_key, id }))).toEqual([time_key, id]);
    }
  });

  it("refuses what it did not make", () => {
    for (const bad of ["", "abc", ":x", "x:y", "99:short", "-1:x", "1.5:xy"])
      expect(() => decodeCursor(bad)).toThrow("invalid cursor");
  });
});

describe("timeFromJson", () => {
  it("unquotes to_json strings and keeps numbers as the server wrote them", () => {
    expect(timeFromJson('"2025-01-01T00:00:01.5+00:00"')).toBe("2025-01-01T00:00:01.5+00:00");
    expect(timeFromJson('"a\\"b"')).toBe('a"b');
    expect(timeFromJson("1.50")).toBe("1.50");
  });
});

describe("normalizeEvent", () => {
  const mapping: AuditMapping = {
    kind: "pgdesk",
    schema: "public",
    table: "audit_logs",
    snapshotsIn: "metadata",
    columns: { id: "id", time: "createdAt", entity: "entity", entityId: "entityId", action: "action" },
  };
  const redactor = createRedactor(["passwordHash"]);

  it("reads a row without the unmapped columns, diffs and masks it", () => {
    const e = normalizeEvent(
      {
        id: "7",
        time: '"2025-01-01T00:00:01"',
        action: "UPDATE",
        entity: "User",
        entity_id: "u1",
        snapshots: JSON.stringify({
          before: { name: "a", passwordHash: "h1" },
          after: { name: "b", passwordHash: "h2" },
        }),
      },
      mapping,
      redactor,
    );
    expect(e).toMatchObject({
      id: "7",
      time: "2025-01-01T00:00:01",
      kind: "update",
      entity: "User",
      entityId: "u1",
      actor: null,
      tenant: null,
      transaction: null,
      before: { name: "a", passwordHash: MASK },
      after: { name: "b", passwordHash: MASK },
      problems: [],
    });
    expect(e.changes).toEqual([
      { path: "name", kind: "changed", from: "a", to: "b" },
      { path: "passwordHash", kind: "changed", from: MASK, to: MASK },
    ]);
    expect(decodeCursor(e.cursor)).toEqual(["2025-01-01T00:00:01", "7"]);
  });
});
