import { randomBytes } from "node:crypto";
import pg from "pg";
import type { ManifestEntry } from "../../../shared/contract/backup";
import { clientConfig } from "../../db/connection-manager";
import { quoteIdent } from "../../db/sql";
import type { CallContext } from "../handler-types";
import type { ConnectionParams } from "../../db/connection-params";
import type { BackupPlan } from "./backup.plan";
import { tableRowCounts } from "./backup.sql";
import { childEnv } from "./child-env";
import { execRestore } from "./restore.exec";

/** One row of tableRowCounts: read from the source at dump time and from the restored copy. */
export interface CountRow {
  schema: string;
  name: string;
  rows: string;
}

export interface TestRestoreInput {
  ctx: CallContext;
  params: ConnectionParams;
  plan: BackupPlan;
  /** Row counts of the source in the dump's own snapshot. */
  expected: CountRow[];
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * Restores the fresh backup into a scratch database on the same server, compares every
 * table's row count with the source, and drops the scratch database whatever happens.
 */
export async function testRestore(
  input: TestRestoreInput,
): Promise<NonNullable<ManifestEntry["verification"]["testRestore"]>> {
  const { ctx, params, plan } = input;
  const scratch = `pgdesk_verify_${randomBytes(6).toString("hex")}`;
  const pool = await ctx.db.pool(plan.req.profileId, plan.req.database);
  await pool.query(`CREATE DATABASE ${quoteIdent(scratch)}`);
  input.log(`pgdesk: test restore into scratch database ${scratch}`);
  const child = await childEnv(params);
  try {
    const tool = plan.req.format === "plain" ? plan.tools.psql : plan.tools.pg_restore;
    await execRestore({
      toolPath: tool.path,
      env: child.env,
      password: child.password,
      path: plan.partialPath,
      format: plan.req.format,
      database: scratch,
      options: {
        noOwner: true,
        noPrivileges: true,
        ...(plan.req.format === "directory" && plan.req.jobs ? { jobs: plan.req.jobs } : {}),
      },
      signal: input.signal,
      onLine: (l) => input.log(`test restore: ${l}`),
    }).catch((err: Error) => {
      throw Object.assign(err, { message: `Test restore failed: ${err.message}` });
    });
    const client = new pg.Client(clientConfig({ ...params, database: scratch }));
    await client.connect();
    let actual: CountRow[];
    try {
      actual = (await client.query<CountRow>(tableRowCounts)).rows;
    } finally {
      await client.end();
    }
    return {
      tables: actual.length,
      mismatches: compareCounts(input.expected, actual, plan.req.scope === "schema"),
    };
  } finally {
    await child.dispose();
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`).catch((err: Error) => {
      input.log(`pgdesk: could not drop scratch database ${scratch}: ${err.message}`);
    });
  }
}

/** Tables whose row counts differ between source and copy; a schema-only dump expects empty tables. */
export function compareCounts(expected: CountRow[], actual: CountRow[], schemaOnly: boolean): string[] {
  const got = new Map(actual.map((r) => [`${r.schema}.${r.name}`, Number(r.rows)]));
  const out: string[] = [];
  for (const r of expected) {
    const key = `${r.schema}.${r.name}`;
    const want = schemaOnly ? 0 : Number(r.rows);
    if (!got.has(key)) out.push(`${key} is missing`);
    else if (got.get(key) !== want) out.push(`${key}: ${got.get(key)} rows, expected ${want}`);
  }
  return out;
}
