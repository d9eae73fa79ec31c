import { describe, expect, it } from "vitest";
import type { Profile } from "../../../src/shared/contract/profiles";
import {
  formatHostPort,
  formProblem,
  isFieldInvalid,
  serviceConnectionString,
  tlsSummary,
} from "../../../src/renderer/src/features/profiles/profile-form.model";
import { byGroup, profileSummary } from "../../../src/renderer/src/features/profiles/profile-list.model";

const profile = (over: Partial<Profile>): Profile =>
  ({ id: "p", name: "n", host: "db", port: 5432, database: "app", user: "ann", ...over }) as Profile;

describe("the profile list", () => {
  it("lists ungrouped profiles first, then folders by name", () => {
    const groups = byGroup([
      profile({ id: "1", group: "staging" }),
      profile({ id: "2" }),
      profile({ id: "3", group: "prod" }),
      profile({ id: "4", group: "staging" }),
    ]);
    expect(groups.map(([g, list]) => [g, list.map((p) => p.id)])).toEqual([
      ["", ["2"]],
      ["prod", ["3"]],
      ["staging", ["1", "4"]],
    ]);
  });

  it("sums up where a profile connects and what differs from the defaults", () => {
    expect(profileSummary(profile({}))).toBe("ann@db:5432/app");
    expect(
      profileSummary(
        profile({
          additionalHosts: [
            { host: "b", port: 5432 },
            { host: "c", port: 5432 },
          ],
          targetSessionAttrs: "read-write",
          sslmode: "verify-full",
          readOnly: true,
        }),
      ),
    ).toBe("ann@db:5432/app · +2 hosts · read-write · verify-full · read-only");
    expect(profileSummary(profile({ additionalHosts: [{ host: "b", port: 1 }], sslmode: "prefer" }))).toBe(
      "ann@db:5432/app · +1 host",
    );
  });
});

describe("the profile form's answers from main", () => {
  it("marks the field main named, and the fields inside a named group", () => {
    const problem = formProblem({ code: "VALIDATION", message: "bad", field: "draft.ssh" });
    expect(problem.field).toBe("ssh");
    expect(isFieldInvalid(problem, "ssh")).toBe(true);
    expect(
      isFieldInvalid(formProblem({ code: "VALIDATION", message: "bad", field: "draft.ssh.port" }), "ssh"),
    ).toBe(true);
    expect(isFieldInvalid(problem, "sshSecret")).toBe(false);
    expect(isFieldInvalid(formProblem(undefined), "name")).toBe(false);
  });

  it("offers to trust a host key only from an SSH host key refusal", () => {
    const refusal = {
      code: "CONNECTION" as const,
      message: "host key",
      field: "draft.ssh.hostKey",
      detail: "SHA256:x",
    };
    expect(formProblem(refusal).presentedKey).toBe("SHA256:x");
    expect(formProblem({ ...refusal, field: "draft.host" }).presentedKey).toBeUndefined();
  });

  it("imports a pg_service.conf entry with its name quoted as libpq reads it", () => {
    expect(serviceConnectionString("prod")).toBe("service='prod'");
    expect(serviceConnectionString("o'brien\\x")).toBe("service='o\\'brien\\\\x'");
  });

  it("describes TLS and hosts as the test result shows them", () => {
    expect(tlsSummary({ encrypted: false, verified: "none" })).toBe("not encrypted");
    expect(tlsSummary({ encrypted: true, verified: "none" })).toBe("TLS, certificate not verified");
    expect(tlsSummary({ encrypted: true, verified: "chain+hostname" })).toBe(
      "TLS, certificate verified (chain+hostname)",
    );
    expect(formatHostPort("::1", 5432)).toBe("[::1]:5432");
    expect(formatHostPort("db", 6432)).toBe("db:6432");
  });
});
