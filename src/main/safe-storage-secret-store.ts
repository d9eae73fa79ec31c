import { safeStorage } from "electron";
import type { SecretStore } from "./features/profiles/secret-store";

/**
 * Secrets sealed by the OS keychain through Electron's safeStorage. Linux's
 * basic_text backend is a hard-coded key, i.e. no protection: refuse it.
 */
export function safeStorageSecretStore(): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === "linux" && safeStorage.getSelectedStorageBackend() === "basic_text") return undefined;
  return {
    kind: process.platform === "linux" ? safeStorage.getSelectedStorageBackend() : "OS keychain",
    seal: async (plain) => safeStorage.encryptString(plain).toString("base64"),
    open: async (sealed) => safeStorage.decryptString(Buffer.from(sealed, "base64")),
  };
}
