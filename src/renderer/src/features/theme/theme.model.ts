import type { Theme } from "../../../../shared/contract/ui";

/** Whether the page is dark: the user's choice, or the system's when the choice is "system". */
export function isDark(theme: Theme, systemDark: boolean): boolean {
  return theme === "dark" || (theme === "system" && systemDark);
}

const THEMES: readonly string[] = ["system", "light", "dark"] satisfies Theme[];

/** Whether a select's value is a theme (checked here: a zod parse in the page would trip the CSP's eval probe). */
export function isTheme(value: string): value is Theme {
  return THEMES.includes(value);
}
