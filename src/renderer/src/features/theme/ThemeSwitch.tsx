import { isTheme } from "./theme.model";
import { useSavedTheme, useSetTheme } from "./theme.queries";

/** Light, dark, or whatever the system says; saved in main. */
export function ThemeSwitch() {
  const theme = useSavedTheme();
  const save = useSetTheme();
  return (
    <label className="flex flex-col gap-1 px-2 text-xs text-slate-600 dark:text-slate-400">
      Theme
      <select
        data-testid="theme-switch"
        value={theme}
        onChange={(e) => isTheme(e.target.value) && save.mutate(e.target.value)}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
      >
        <option value="system">Follow the system</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
