import { monaco } from "./monaco-setup";

/**
 * Monaco's vs / vs-dark with the SQL token colours that fall below WCAG AA contrast raised:
 * operators (AND, NULL, IS…) are light slate grey on white, strings pure red on white.
 */
let defined = false;
function defineThemes(): void {
  if (defined) return;
  defined = true;
  monaco.editor.defineTheme("pgdesk-light", {
    base: "vs",
    inherit: true,
    rules: [
      { token: "operator.sql", foreground: "5F6B7A" },
      { token: "string.sql", foreground: "C00000" },
    ],
    colors: {},
  });
  monaco.editor.defineTheme("pgdesk-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [{ token: "operator.sql", foreground: "9AA9B8" }],
    colors: {},
  });
}

const pageIsDark = () => document.documentElement.classList.contains("dark");

/** The editor theme for the app's current theme (the class useTheme keeps on <html>). */
export function editorTheme(): string {
  defineThemes();
  return pageIsDark() ? "pgdesk-dark" : "pgdesk-light";
}

/** Keeps every editor's theme with the app's as the user switches it (Monaco's theme is global). */
export function followAppTheme(): () => void {
  const observer = new MutationObserver(() => monaco.editor.setTheme(editorTheme()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
