import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Encrypts secrets at rest. The Electron host passes a safeStorage-backed store;
 * the web host and tests pass the key-file one below.
 */
export interface SecretStore {
  /** A short name shown to the user ("key file", "libsecret", ...). */
  readonly kind: string;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const VERSION = "v1";

/**
 * AES-256-GCM with a random 32-byte key in a 0600 file in the app's data folder.
 * Sealed form: v1:<iv b64>:<tag b64>:<ciphertext b64>.
 */
export class KeyFileSecretStore implements SecretStore {
  readonly kind = "key file";
  private key: Promise<Buffer> | undefined;

  constructor(private readonly keyPath: string) {}

  async seal(plain: string): Promise<string> {
    const key = await this.loadKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [
      VERSION,
      iv.toString("base64"),
      cipher.getAuthTag().toString("base64"),
      body.toString("base64"),
    ].join(":");
  }

  async open(sealed: string): Promise<string> {
    const [version, iv, tag, body] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error("Stored secret has an unknown format");
    const key = await this.loadKey();
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey();
    return this.key;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    try {
      const key = await readFile(this.keyPath);
      if (key.length !== 32)
        throw new Error(`Secret key file ${this.keyPath} is damaged (expected 32 bytes)`);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      await mkdir(dirname(this.keyPath), { recursive: true, mode: 0o700 });
      const key = randomBytes(32);
      // wx: never overwrite a key another process just wrote
      await writeFile(this.keyPath, key, { mode: 0o600, flag: "wx" }).catch(
        async (e: NodeJS.ErrnoException) => {
          if (e.code !== "EEXIST") throw e;
        },
      );
      await chmod(this.keyPath, 0o600);
      return readFile(this.keyPath);
    }
  }
}
