import { describe, expect, it } from "vitest";
import { libpqHostEnv } from "../../../src/main/db/libpq-host-env";

const base = { host: "h1", port: 5432, database: "d", user: "u" };

describe("PG* host variables for libpq children", () => {
  it("a single host is what it always was", () => {
    expect(libpqHostEnv(base)).toEqual({ PGHOST: "h1", PGPORT: "5432" });
  });

  it("host lists in order, with target_session_attrs and load balancing for libpq to apply", () => {
    const env = libpqHostEnv({
      ...base,
      additionalHosts: [
        { host: "h2", port: 5433 },
        { host: "::1", port: 5434 },
      ],
      targetSessionAttrs: "prefer-standby",
      loadBalanceHosts: "random",
    });
    // never shuffled here: libpq shuffles itself when PGLOADBALANCEHOSTS=random
    expect(env).toEqual({
      PGHOST: "h1,h2,::1",
      PGPORT: "5432,5433,5434",
      PGTARGETSESSIONATTRS: "prefer-standby",
      PGLOADBALANCEHOSTS: "random",
    });
    expect(libpqHostEnv({ ...base, targetSessionAttrs: "any" })).not.toHaveProperty("PGTARGETSESSIONATTRS");
  });

  it("through tunnels: real names for TLS in PGHOST, the local ends in PGHOSTADDR/PGPORT", () => {
    const env = libpqHostEnv({ ...base, additionalHosts: [{ host: "h2", port: 5433 }] }, [40001, 40002]);
    expect(env).toEqual({ PGHOST: "h1,h2", PGHOSTADDR: "127.0.0.1,127.0.0.1", PGPORT: "40001,40002" });
  });
});
