import { useEffect, useState } from "react";
import { isDark } from "./theme.model";
import { useSavedTheme } from "./theme.queries";

const QUERY = "(prefers-color-scheme: dark)";

/** Puts the chosen (or the system's) theme on <html>, and follows the system as it changes. */
export function useTheme(): void {
  const theme = useSavedTheme();
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = () => setSystemDark(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);
  const dark = isDark(theme, systemDark);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle("dark", dark);
    root.style.colorScheme = dark ? "dark" : "light";
    root.dataset.theme = dark ? "dark" : "light";
  }, [dark]);
}
