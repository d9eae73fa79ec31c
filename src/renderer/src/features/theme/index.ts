export { ThemeSwitch } from "./ThemeSwitch";
export { useTheme } from "./useTheme";
