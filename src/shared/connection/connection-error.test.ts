import { describe, expect, it } from "vitest";
import { connectionAdvice } from "./connection-advice";
import { connectionFailureKind } from "./connection-error";

describe("connection failure kinds come from codes, never from the message", () => {
  it.each([
    [{ code: "CONNECTION", errno: "ECONNREFUSED" }, "not-listening"],
    [{ code: "CONNECTION", errno: "CONNECT_TIMEOUT" }, "no-answer"],
    [{ code: "CONNECTION", errno: "ETIMEDOUT" }, "no-answer"],
    [{ code: "CONNECTION", errno: "EHOSTUNREACH" }, "unreachable"],
    [{ code: "CONNECTION", errno: "ENOTFOUND" }, "dns"],
    [{ code: "CONNECTION", errno: "EAI_AGAIN" }, "dns"],
    [{ code: "CONNECTION", errno: "CONNECTION_CLOSED" }, "closed-early"],
    [{ code: "CONNECTION", errno: "SSL_NOT_SUPPORTED" }, "tls-refused"],
    [{ code: "CONNECTION", errno: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "certificate-untrusted"],
    [{ code: "CONNECTION", errno: "CERT_HAS_EXPIRED" }, "certificate-expired"],
    [{ code: "CONNECTION", errno: "ERR_TLS_CERT_ALTNAME_INVALID" }, "certificate-name"],
    [{ code: "CONNECTION", sqlState: "28000", routine: "ClientAuthentication", tls: false }, "tls-required"],
    [{ code: "CONNECTION", sqlState: "28000", routine: "ClientAuthentication", tls: true }, "hba-reject"],
    [{ code: "CONNECTION", sqlState: "28000", routine: "ClientAuthentication" }, "hba-reject"],
    [{ code: "CONNECTION", sqlState: "28000", routine: "InitializeSessionUserId" }, "role-missing"],
    [{ code: "CONNECTION", sqlState: "28P01" }, "wrong-password"],
    [{ code: "CONNECTION", field: "password" }, "no-password"],
    [{ code: "CONNECTION", sqlState: "3D000" }, "database-missing"],
    [{ code: "PG_ERROR", sqlState: "53300" }, "too-many-connections"],
    [{ code: "CONNECTION", sqlState: "57P03" }, "not-accepting"],
    [{ code: "CONNECTION", errno: "SSH_CONNECT" }, "ssh-unreachable"],
    [{ code: "CONNECTION", errno: "SSH_LOGIN" }, "ssh-login"],
    [{ code: "CONNECTION", errno: "SSH_FORWARD" }, "ssh-forward"],
    [{ code: "CONFLICT", field: "ssh.hostKey" }, "ssh-host-key"],
  ] as const)("%o is %s", (failure, kind) => {
    expect(connectionFailureKind(failure)).toBe(kind);
  });

  it("an error it cannot explain stays unexplained (the original text is all there is)", () => {
    expect(connectionFailureKind({ code: "PG_ERROR", sqlState: "42P01" })).toBeUndefined();
    expect(connectionFailureKind({ code: "INTERNAL" })).toBeUndefined();
    expect(connectionAdvice({ code: "INTERNAL" })).toBeUndefined();
  });

  it("the advice names the target and says what to try", () => {
    const advice = connectionAdvice(
      { code: "CONNECTION", errno: "ECONNREFUSED" },
      { host: "db.example", port: 5433, user: "app", database: "shop" },
    );
    expect(advice?.what).toBe(
      "Nothing is listening at db.example:5433: the server is not running, or it listens on another port.",
    );
    expect(advice?.tryThis[0]).toMatch(/Start the server/);
    const hba = connectionAdvice(
      { code: "CONNECTION", sqlState: "28000", routine: "ClientAuthentication", tls: true },
      { user: "app", database: "shop" },
    );
    expect(hba?.what).toContain("user app connecting to database shop");
  });
});
