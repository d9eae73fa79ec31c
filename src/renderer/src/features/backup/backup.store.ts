import { create } from "zustand";
import { persist } from "zustand/middleware";

/** UI state only: the folder the user last chose, remembered across runs. */
interface BackupUiState {
  folder: string;
  setFolder(folder: string): void;
}

export const useBackupUi = create<BackupUiState>()(
  persist((set) => ({ folder: "", setFolder: (folder) => set({ folder }) }), { name: "pgdesk.backup.ui" }),
);
