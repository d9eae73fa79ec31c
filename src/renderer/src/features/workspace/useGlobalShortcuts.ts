import { useEffect } from "react";
import { openHelp, openPalette } from "../../lib/commands";

/** Ctrl/Cmd+K and Ctrl/Cmd+Shift+P open the palette; F1 (or ? outside a text field) the shortcut sheet. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if ((mod && !e.shiftKey && !e.altKey && key === "k") || (mod && e.shiftKey && key === "p")) {
        e.preventDefault();
        openPalette();
      } else if (e.key === "F1" || (e.key === "?" && !mod && !typingIn(e.target))) {
        e.preventDefault();
        openHelp();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)
  );
}
