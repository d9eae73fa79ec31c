import type { Theme } from "../../../../shared/contract/ui";

/** Whether the page is dark: the user's choice, or the system's when the choice is "system". */
export function isDark(theme: Theme, systemDark: boolean): boolean {
  return theme === "dark" || (theme === "system" && systemDark);
}
