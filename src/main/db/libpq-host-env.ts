import type { ConnectionParams } from "./connection-params";
import { hostTargets } from "./host-selection";

/**
 * The PG* variables that name a profile's hosts for a libpq child (pg_dump, pg_restore,
 * psql). libpq does host lists natively: PGHOST/PGPORT take comma lists, and it applies
 * PGTARGETSESSIONATTRS (libpq 14+) and PGLOADBALANCEHOSTS (libpq 16+; older ones ignore
 * it) itself. Through SSH tunnels (one per host, in list order) each host name stays in
 * PGHOST for TLS verification and PGHOSTADDR/PGPORT point at the tunnels' local ends.
 */
export function libpqHostEnv(params: ConnectionParams, tunnelPorts?: number[]): Record<string, string> {
  const targets = hostTargets({ ...params, loadBalanceHosts: "disable" }); // libpq shuffles itself
  const env: Record<string, string> = {
    PGHOST: targets.map((t) => t.host).join(","),
    PGPORT: targets.map((t) => t.port).join(","),
  };
  if (tunnelPorts) {
    env.PGHOSTADDR = tunnelPorts.map(() => "127.0.0.1").join(",");
    env.PGPORT = tunnelPorts.join(",");
  }
  if (params.targetSessionAttrs && params.targetSessionAttrs !== "any")
    env.PGTARGETSESSIONATTRS = params.targetSessionAttrs;
  if (params.loadBalanceHosts === "random") env.PGLOADBALANCEHOSTS = "random";
  return env;
}
