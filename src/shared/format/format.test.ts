import { describe, expect, it } from "vitest";
import { count, plural } from "./plural";
import { formatBytes, formatDurationMs, formatSeconds } from "./units";

describe("words and numbers", () => {
  it("counts with the right plural", () => {
    expect(count(0, "row")).toBe("0 rows");
    expect(count(1, "row")).toBe("1 row");
    expect(count(2, "error")).toBe("2 errors");
    expect(count(12345, "row")).toBe("12,345 rows");
    expect(count(1, "index", "indexes")).toBe("1 index");
    expect(count(3, "index", "indexes")).toBe("3 indexes");
    expect(plural(1, "statement")).toBe("statement");
  });

  it("durations in ms, s, min, h and days", () => {
    expect(formatDurationMs(0.0421)).toBe("0.042 ms");
    expect(formatDurationMs(12.34)).toBe("12.3 ms");
    expect(formatDurationMs(345.6)).toBe("346 ms");
    expect(formatDurationMs(9_999)).toBe("9999 ms");
    expect(formatDurationMs(12_345)).toBe("12.3 s");
    expect(formatDurationMs(252_000)).toBe("4 min 12 s");
    expect(formatDurationMs(null)).toBe("—");
    expect(formatSeconds(42)).toBe("42 s");
    expect(formatSeconds(3.25)).toBe("3.3 s");
    expect(formatSeconds(120)).toBe("2 min");
    expect(formatSeconds(3 * 3600 + 5 * 60 + 7)).toBe("3 h 5 min");
    expect(formatSeconds(2 * 86_400 + 4 * 3600)).toBe("2 d 4 h");
  });

  it("sizes in bytes, kB, MB, GB", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(8192)).toBe("8 kB");
    expect(formatBytes(12 * 1024 ** 2)).toBe("12 MB");
    expect(formatBytes(3.25 * 1024 ** 3)).toBe("3.3 GB");
    expect(formatBytes(undefined)).toBe("—");
  });
});
