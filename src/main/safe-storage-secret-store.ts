import { safeStorage } from "electron";
import type { SecretStore } from "./features/profiles/secret-store";

/**
 * Secrets sealed by the OS keychain through Electron's safeStorage, with its async API
 * (the sync one is deprecated and blocks the main process on keychain prompts).
 * Linux's basic_text backend is a hard-coded key, i.e. no protection: refuse it, so the
 * host falls back to the 0600 key file and says so.
 */
export function safeStorageSecretStore(): SecretStore | undefined {
  // the sync probe is the only one available before the first async call; it is cheap
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === "linux" && safeStorage.getSelectedStorageBackend() === "basic_text")
    return undefined;
  return {
    kind: process.platform === "linux" ? safeStorage.getSelectedStorageBackend() : "OS keychain",
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString("base64"),
    // shouldReEncrypt (a rotated key) is not acted on here: the next save of the profile re-seals it
    open: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, "base64"))).result,
  };
}
