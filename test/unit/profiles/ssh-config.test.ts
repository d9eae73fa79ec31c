import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { knownHostKeys, resolveSshConfig } from "../../../src/main/db/ssh-config";

describe("~/.ssh/config", () => {
  const text = [
    "# global",
    "User everyone",
    "Host db-*.prod !db-legacy.prod",
    "  HostName %h.example.net",
    "  Port 2222",
    "  IdentityFile ~/.ssh/prod_key",
    "Host db-*",
    "  Port 22",
    '  IdentityFile="~/.ssh/other key"',
    "Match host foo",
    "  User matched",
  ].join("\n");

  it("takes the first value of each option across matching Host blocks", () => {
    expect(resolveSshConfig(text, "db-1.prod", "/home/me")).toEqual({
      user: "everyone",
      hostName: "db-1.prod.example.net",
      port: 2222,
      identityFile: "/home/me/.ssh/prod_key",
    });
  });

  it("honours negated patterns and quoted values", () => {
    expect(resolveSshConfig(text, "db-legacy.prod", "/home/me")).toEqual({
      user: "everyone",
      port: 22,
      identityFile: "/home/me/.ssh/other key",
    });
  });

  it("ignores Match blocks and unrelated hosts", () => {
    expect(resolveSshConfig(text, "foo", "/h")).toEqual({ user: "everyone" });
  });
});

describe("~/.ssh/known_hosts", () => {
  it("finds plain, bracketed-port, comma-listed and hashed entries; skips markers", () => {
    const salt = Buffer.from("0123456789abcdefghij");
    const hash = createHmac("sha1", salt).update("[jump.example]:2200").digest("base64");
    const text = [
      "jump.example,10.0.0.1 ssh-ed25519 AAAAplain",
      `|1|${salt.toString("base64")}|${hash} ssh-rsa AAAAhashed`,
      "[jump.example]:2200 ecdsa-sha2-nistp256 AAAAport",
      "@revoked jump.example ssh-ed25519 AAAArevoked",
      "*.example ssh-ed25519 AAAAwild",
    ].join("\n");
    expect(knownHostKeys(text, "jump.example", 22).map((k) => k.blob)).toEqual(["AAAAplain", "AAAAwild"]);
    expect(knownHostKeys(text, "jump.example", 2200).map((k) => k.blob)).toEqual(["AAAAhashed", "AAAAport"]);
    expect(knownHostKeys(text, "10.0.0.1", 22)).toEqual([{ type: "ssh-ed25519", blob: "AAAAplain" }]);
  });
});
