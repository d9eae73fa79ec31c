import { describe, expect, it } from "vitest";
import { isDark, isTheme } from "./theme.model";

describe("the theme", () => {
  it("follows the system unless the user chose light or dark", () => {
    expect(isDark("system", true)).toBe(true);
    expect(isDark("system", false)).toBe(false);
    expect(isDark("light", true)).toBe(false);
    expect(isDark("dark", false)).toBe(true);
  });

  it("knows the three choices and nothing else", () => {
    expect(["system", "light", "dark", "sepia", ""].map(isTheme)).toEqual([true, true, true, false, false]);
  });
});
