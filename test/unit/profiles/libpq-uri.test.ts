import { describe, expect, it } from "vitest";
import { conninfoToDraft, parseConnectionString, toUri } from "../../../src/main/db/libpq-uri";

const draftOf = (text: string) => conninfoToDraft(parseConnectionString(text), { user: "osuser" });

function errorOf(fn: () => unknown): { message: string; field?: string } {
  try {
    fn();
  } catch (err) {
    return { message: (err as Error).message, field: (err as { extra?: { field?: string } }).extra?.field };
  }
  throw new Error("expected an error");
}

describe("libpq URI parsing", () => {
  it("reads every part of a full URI, percent-decoded", () => {
    const r = draftOf(
      "postgresql://al%40ice:p%3Ass%2Fw@db.example.com:6543/my%20db?sslmode=verify-full&application_name=report%20tool&connect_timeout=7",
    );
    expect(r.draft).toMatchObject({
      host: "db.example.com",
      port: 6543,
      database: "my db",
      user: "al@ice",
      sslmode: "verify-full",
      applicationName: "report tool",
      connectTimeoutSeconds: 7,
    });
    expect(r.password).toBe("p:ss/w");
    expect(r.warnings).toEqual([]);
  });

  it("uses libpq's defaults: localhost, 5432, database = user", () => {
    const r = draftOf("postgres://");
    expect(r.draft).toMatchObject({ host: "localhost", port: 5432, user: "osuser", database: "osuser" });
    expect(r.password).toBeUndefined();
    expect(draftOf("postgresql://bob@/").draft).toMatchObject({ user: "bob", database: "bob" });
  });

  it("reads IPv6 hosts in brackets and exports them the same way", () => {
    const r = draftOf("postgresql://u@[::1]:5433/d");
    expect(r.draft).toMatchObject({ host: "::1", port: 5433 });
    expect(toUri(r.draft)).toBe("postgresql://u@[::1]:5433/d");
  });

  it("reads a host list with its ports, target_session_attrs and load_balance_hosts, and exports them back", () => {
    const r = draftOf(
      "postgresql://u@h1:5001,h2:5002,[::1]/d?target_session_attrs=read-write&load_balance_hosts=random",
    );
    expect(r.draft).toMatchObject({
      host: "h1",
      port: 5001,
      additionalHosts: [
        { host: "h2", port: 5002 },
        { host: "::1", port: 5432 },
      ],
      targetSessionAttrs: "read-write",
      loadBalanceHosts: "random",
    });
    expect(r.warnings).toEqual([]);
    expect(toUri(r.draft)).toBe(
      "postgresql://u@h1:5001,h2:5002,[::1]:5432/d?target_session_attrs=read-write&load_balance_hosts=random",
    );
    expect(draftOf(toUri(r.draft)).draft).toEqual(r.draft);
  });

  it("rejects unknown target_session_attrs and load_balance_hosts values, naming the field", () => {
    expect(errorOf(() => draftOf("postgresql://h/d?target_session_attrs=master"))).toEqual({
      message: 'target_session_attrs: invalid target_session_attrs value: "master"',
      field: "targetSessionAttrs",
    });
    expect(errorOf(() => draftOf("postgresql://h/d?load_balance_hosts=roundrobin")).field).toBe(
      "loadBalanceHosts",
    );
    expect(draftOf("postgresql://h/d?target_session_attrs=any").draft.targetSessionAttrs).toBeUndefined();
  });

  it("keeps sslpassword apart from the draft, like the password, and never exports it", () => {
    const r = draftOf("postgresql://u@h/d?sslcert=/c.crt&sslkey=/c.key&sslpassword=k%20ey");
    expect(r.sslPassword).toBe("k ey");
    expect(JSON.stringify(r.draft)).not.toContain("k ey");
    expect(toUri(r.draft)).not.toContain("sslpassword");
  });

  it("translates JDBC-style ssl=true into sslmode=require", () => {
    expect(draftOf("postgresql://h/d?ssl=true").draft.sslmode).toBe("require");
  });

  it("accepts unicode, quotes and = in names", () => {
    const r = draftOf("postgresql://%C3%BCser%22x@h/d%C3%A9j%C3%A0%3Dvu'");
    expect(r.draft.user).toBe('üser"x');
    expect(r.draft.database).toBe("déjà=vu'");
    expect(toUri(r.draft)).toBe("postgresql://%C3%BCser%22x@h:5432/d%C3%A9j%C3%A0%3Dvu'");
  });

  it.each([
    ["postgresql://h/d?sslmode=sometimes", "sslmode", /invalid sslmode value: "sometimes"/],
    ["postgresql://h/d?foo=bar", "foo", /invalid URI query parameter: "foo"/],
    ["postgresql://h/d?sslmode", undefined, /missing key\/value separator/],
    ["postgresql://h:port/d", "port", /invalid port number: "port"/],
    ["postgresql://h:70000/d", "port", /invalid port number/],
    ["postgresql://h/d%zz", "dbname", /invalid percent-encoded token/],
    ["postgresql://h/d%00x", "dbname", /forbidden value %00/],
    ["postgresql://u@[::1/d", "host", /missing "]"/],
    ["postgresql://-evil/d", "host", /may not start with '-'/],
    ["postgresql:///d?host=/var/run/postgresql", "host", /Unix-domain sockets/],
    ["postgresql://h/d?connect_timeout=soon", "connectTimeoutSeconds", /invalid integer value "soon"/],
  ])("rejects %s naming the field", (uri, field, message) => {
    const e = errorOf(() => draftOf(uri));
    expect(e.message).toMatch(message);
    expect(e.field).toBe(field);
  });

  it("never echoes a malformed password", () => {
    const e = errorOf(() => draftOf("postgresql://u:sec%zzret@h/d"));
    expect(e.field).toBe("password");
    expect(e.message).not.toContain("sec");
  });

  it("round-trips the options a read-only profile exports", () => {
    const uri = toUri({
      host: "h",
      port: 5432,
      database: "d",
      user: "u",
      readOnly: true,
      sslmode: "require",
    });
    expect(uri).toBe(
      "postgresql://u@h:5432/d?sslmode=require&options=-c%20default_transaction_read_only%3Don",
    );
    expect(draftOf(uri).draft).toMatchObject({ readOnly: true, sslmode: "require" });
  });

  it("warns about libpq keywords pgdesk does not use", () => {
    const r = draftOf("postgresql://h/d?sslcrl=/x.crl&keepalives=1");
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/sslcrl/);
  });
});

describe("libpq key=value conninfo parsing", () => {
  it("pairs host and port lists like libpq: one port for all, or one per host", () => {
    expect(draftOf("host=h1,h2 port=5432,5433 dbname=d").draft).toMatchObject({
      host: "h1",
      port: 5432,
      additionalHosts: [{ host: "h2", port: 5433 }],
    });
    expect(draftOf("host=h1,h2,h3 port=6000").draft).toMatchObject({
      port: 6000,
      additionalHosts: [
        { host: "h2", port: 6000 },
        { host: "h3", port: 6000 },
      ],
    });
    expect(draftOf("host=h1,,h3 port=,5433,").draft).toMatchObject({
      host: "h1",
      port: 5432,
      additionalHosts: [
        { host: "localhost", port: 5433 },
        { host: "h3", port: 5432 },
      ],
    });
    expect(errorOf(() => draftOf("host=h1,h2,h3 port=1,2"))).toEqual({
      message: "port: could not match 2 port numbers to 3 hosts",
      field: "port",
    });
    expect(errorOf(() => draftOf("host=h1,/tmp port=1,2")).field).toBe("host");
    expect(errorOf(() => draftOf("host=h1,-oProxy port=1,2")).field).toBe("host");
    const twice = draftOf("host=h1,h1 port=5432");
    expect(twice.draft.additionalHosts).toBeUndefined();
    expect(twice.warnings.join()).toMatch(/more than once/);
  });

  it("reads spaced, quoted and escaped values", () => {
    const r = draftOf(
      `host=db.local port = 5444 dbname='my  db' user='o\\'brien' password='a b\\\\c' sslmode=verify-ca sslrootcert=/etc/ca.pem`,
    );
    expect(r.draft).toMatchObject({
      host: "db.local",
      port: 5444,
      user: "o'brien",
      sslmode: "verify-ca",
      sslRootCert: "/etc/ca.pem",
    });
    expect(r.draft.database).toBe("my  db");
    expect(r.password).toBe("a b\\c");
  });

  it("keeps = and unicode inside values", () => {
    const r = draftOf("user=ünï=cödé dbname='a=b' application_name=x=y");
    expect(r.draft).toMatchObject({ user: "ünï=cödé", database: "a=b", applicationName: "x=y" });
  });

  it.each([
    ["host=h dbname", /missing "=" after "dbname"/, "dbname"],
    ["host=h bogus=1", /invalid connection option "bogus"/, "bogus"],
    ["host=h dbname='unterminated", /unterminated quoted string/, "dbname"],
    ["host=h sslmode=required", /invalid sslmode value: "required"/, "sslmode"],
    ["host=-h", /may not start with '-'/, "host"],
    ["   ", /empty/, "text"],
  ])("rejects %s", (text, message, field) => {
    const e = errorOf(() => draftOf(text));
    expect(e.message).toMatch(message);
    expect(e.field).toBe(field);
  });

  it("uses hostaddr when there is no host, and clamps connect_timeout like libpq", () => {
    const r = draftOf("hostaddr=10.0.0.5 connect_timeout=1");
    expect(r.draft).toMatchObject({ host: "10.0.0.5", connectTimeoutSeconds: 2 });
    expect(draftOf("connect_timeout=0").warnings.join()).toMatch(/connect_timeout 0/);
  });
});

describe("URI export", () => {
  it("never includes the password and encodes every component", () => {
    const uri = toUri({ host: "db", port: 5432, database: "a/b?c", user: "u@x", applicationName: "my app" });
    expect(uri).toBe("postgresql://u%40x@db:5432/a%2Fb%3Fc?application_name=my%20app");
    const back = draftOf(uri);
    expect(back.password).toBeUndefined();
    expect(back.draft).toMatchObject({ database: "a/b?c", user: "u@x", applicationName: "my app" });
  });
});
