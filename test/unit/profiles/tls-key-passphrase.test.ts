import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsPlan } from "../../../src/main/db/tls";

describe("an encrypted client key and its passphrase (sslpassword)", () => {
  let dir: string;
  let key: string;
  let plainKey: string;
  const cert = () => join(dir, "client.crt");

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgdesk-keypass-"));
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    key = join(dir, "enc.key");
    plainKey = join(dir, "plain.key");
    await writeFile(
      key,
      privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "right one" }),
      { mode: 0o600 },
    );
    await writeFile(plainKey, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    await writeFile(cert(), "certificate text is not parsed before the handshake", { mode: 0o644 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fieldOf = (p: Promise<unknown>) =>
    p.then(
      () => "none",
      (e: { extra?: { field?: string }; message: string }) => `${e.extra?.field}: ${e.message}`,
    );

  it("asks for it, refuses a wrong one without echoing it, hands the right one to TLS", async () => {
    expect(await fieldOf(tlsPlan({ sslmode: "require", sslCert: cert(), sslKey: key }))).toMatch(
      /^sslPassword: sslPassword: .*is encrypted; enter its passphrase/,
    );
    const wrong = await fieldOf(
      tlsPlan({ sslmode: "require", sslCert: cert(), sslKey: key, sslPassword: "wrong one" }),
    );
    expect(wrong).toMatch(/^sslPassword: sslPassword: the passphrase does not decrypt/);
    expect(wrong).not.toContain("wrong one");
    const plan = await tlsPlan({
      sslmode: "require",
      sslCert: cert(),
      sslKey: key,
      sslPassword: "right one",
    });
    expect(plan.attempts[0]!.ssl).toMatchObject({ passphrase: "right one" });
  });

  it("an unencrypted key needs none; junk in the key file names sslKey", async () => {
    const plan = await tlsPlan({ sslmode: "require", sslCert: cert(), sslKey: plainKey });
    expect(plan.attempts[0]!.ssl).not.toHaveProperty("passphrase");
    const junk = join(dir, "junk.key");
    await writeFile(junk, "not a key", { mode: 0o600 });
    expect(await fieldOf(tlsPlan({ sslmode: "require", sslCert: cert(), sslKey: junk }))).toMatch(
      /^sslKey: sslKey: /,
    );
  });
});
