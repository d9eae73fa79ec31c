import { describe, expect, it } from "vitest";
import {
  applyImport,
  formatHostList,
  initialFormState,
  parseHostList,
  toDraft,
} from "../../../src/renderer/src/features/profiles/profile-form.model";

describe("profile form: host list, target_session_attrs, sslpassword", () => {
  it("reads typed host lists (ports optional, IPv6 in brackets) and writes them back", () => {
    expect(parseHostList("h2:5433, [::1]:6000 h3,,", 5432)).toEqual([
      { host: "h2", port: 5433 },
      { host: "::1", port: 6000 },
      { host: "h3", port: 5432 },
    ]);
    expect(parseHostList("", 5432)).toEqual([]);
    expect(Number.isNaN(parseHostList("h2:x", 5432)[0]!.port)).toBe(true);
    expect(
      formatHostList([
        { host: "h2", port: 5433 },
        { host: "::1", port: 6000 },
      ]),
    ).toBe("h2:5433, [::1]:6000");
  });

  it("sends the hosts, target and load balancing only when set", () => {
    const form = {
      ...initialFormState(),
      name: "n",
      additionalHosts: "b:2",
      targetSessionAttrs: "read-write",
      loadBalanceRandom: true,
    };
    expect(toDraft(form)).toMatchObject({
      additionalHosts: [{ host: "b", port: 2 }],
      targetSessionAttrs: "read-write",
      loadBalanceHosts: "random",
    });
    const plain = toDraft({ ...initialFormState(), name: "n" });
    expect(plain).not.toHaveProperty("additionalHosts");
    expect(plain).not.toHaveProperty("targetSessionAttrs");
    expect(plain).not.toHaveProperty("loadBalanceHosts");
  });

  it("sends a typed key passphrase only with a key file; an empty box keeps the saved one", () => {
    const base = { ...initialFormState(), name: "n", sslCert: "/c.crt", sslKey: "/c.key" };
    expect(toDraft({ ...base, sslPassword: "pp" }).sslPassword).toBe("pp");
    expect(toDraft({ ...base, sslPassword: "" })).not.toHaveProperty("sslPassword");
    expect(toDraft({ ...base, sslKey: "", sslPassword: "pp" })).not.toHaveProperty("sslPassword");
  });

  it("fills the fields from a pasted multi-host URI", () => {
    const form = applyImport(initialFormState(), {
      draft: {
        name: "u@a/d",
        host: "a",
        port: 1,
        database: "d",
        user: "u",
        additionalHosts: [{ host: "b", port: 2 }],
        targetSessionAttrs: "primary",
      },
      sslPassword: "from-uri",
      warnings: [],
    });
    expect(form).toMatchObject({
      host: "a",
      port: "1",
      additionalHosts: "b:2",
      targetSessionAttrs: "primary",
      sslPassword: "from-uri",
    });
  });
});
