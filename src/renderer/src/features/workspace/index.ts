export { CommandPalette } from "./CommandPalette";
export { DatabaseSwitcher } from "./DatabaseSwitcher";
export { HelpSheet } from "./HelpSheet";
export { ProfileFrame } from "./ProfileFrame";
export { useGlobalShortcuts } from "./useGlobalShortcuts";
export { useRestoreWorkspace } from "./useRestoreWorkspace";
export { useShellCommands } from "./useShellCommands";
