import { describe, expect, it } from "vitest";
import {
  fromServices,
  parsePgAdmin,
  parseUriList,
} from "../../../src/main/features/inventory/import-sources";
import { parseServiceFile } from "../../../src/main/db/service-file";

describe("URI list import", () => {
  it("reads one URI or conninfo a line, with an optional name, skipping comments", () => {
    const entries = parseUriList(
      [
        "# production",
        "orders-eu postgresql://app:s3cret@db1.example:5433/orders?sslmode=require",
        "",
        "host=db2.example dbname=billing user=bill",
        "postgresql://h/d?sslmode=sometimes",
        "postgres://admin@bouncer:6432/pgbouncer",
      ].join("\n"),
      "me",
    );
    expect(entries.map((e) => [e.index, e.name, e.error ?? ""])).toEqual([
      [0, "orders-eu", ""],
      [1, "bill@db2.example/billing", ""],
      [2, "line 5", 'line 5: sslmode: invalid sslmode value: "sometimes"'],
      [3, "admin@bouncer/pgbouncer", ""],
    ]);
    expect(entries[0]!.imported).toMatchObject({
      draft: { host: "db1.example", port: 5433, database: "orders", user: "app", sslmode: "require" },
      password: "s3cret",
    });
  });
});

describe("pg_service.conf import", () => {
  it("names each profile after its service", () => {
    const parsed = parseServiceFile("[a]\nhost=h1\ndbname=x\n[b]\nhost=h2\nport=6000\n", "svc.conf");
    const entries = fromServices(parsed.services, "me");
    expect(
      entries.map((e) => [e.name, e.imported?.draft.host, e.imported?.draft.port, e.imported?.draft.user]),
    ).toEqual([
      ["a", "h1", 5432, "me"],
      ["b", "h2", 6000, "me"],
    ]);
  });
});

describe("pgAdmin servers.json import", () => {
  it("maps name, group, connection fields, tags, PassFile and SSH tunnels, and says what it leaves out", () => {
    const { entries, warnings } = parsePgAdmin(
      JSON.stringify({
        Servers: {
          "1": {
            Name: "Orders primary",
            Group: "EU",
            Host: "10.1.0.5",
            Port: 5432,
            MaintenanceDB: "orders",
            Username: "dba",
            ConnectionParameters: {
              sslmode: "verify-full",
              connect_timeout: 7,
              passfile: "/home/me/.orders.pgpass",
            },
            Tags: [{ text: "billing", color: "#f00" }],
            BGColor: "#ff0000",
            Shared: false,
          },
          "2": {
            Name: "Reports",
            Group: "Servers",
            Host: "reports.internal",
            Port: 5433,
            MaintenanceDB: "postgres",
            Username: "bi",
            SSLMode: "prefer",
            UseSSHTunnel: 1,
            TunnelHost: "bastion",
            TunnelPort: "2222",
            TunnelUsername: "jump",
            TunnelAuthentication: 1,
            TunnelIdentityFile: "/home/me/.ssh/id_ed25519",
            Role: "reporting",
            Wibble: true,
          },
          "3": { Name: "Via service", Service: "orders_svc", Port: 5432, Username: "x", MaintenanceDB: "y" },
        },
      }),
      "me",
    );
    expect(warnings).toEqual([]);
    expect(entries[0]).toMatchObject({
      name: "Orders primary",
      group: "EU",
      tags: ["billing"],
      passFile: "/home/me/.orders.pgpass",
      imported: {
        draft: {
          host: "10.1.0.5",
          port: 5432,
          database: "orders",
          user: "dba",
          sslmode: "verify-full",
          connectTimeoutSeconds: 7,
        },
      },
    });
    expect(entries[0]!.warnings).toEqual([]);
    expect(entries[1]!.group).toBeUndefined(); // pgAdmin's default group is no group
    expect(entries[1]!.ssh).toEqual({
      host: "bastion",
      port: 2222,
      user: "jump",
      auth: "key",
      keyFile: "/home/me/.ssh/id_ed25519",
    });
    expect(entries[1]!.warnings).toEqual([
      'server "Reports": Wibble not used by pgdesk',
      'server "Reports": Role "reporting" (SET ROLE after login) is not used by pgdesk',
    ]);
    expect(entries[2]!.error).toBe(
      'server "Via service": uses service "orders_svc"; import it from pg_service.conf instead',
    );
  });

  it("says when the text is not a servers.json", () => {
    expect(parsePgAdmin("{", "me").warnings[0]).toMatch(/^not a pgAdmin servers.json file/);
    expect(parsePgAdmin('{"servers": []}', "me").warnings).toEqual([
      'not a pgAdmin servers.json file: it has no "Servers" object',
    ]);
  });
});
