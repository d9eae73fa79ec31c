import pg from "pg";
import type { PitrJob } from "../../../src/shared/contract/pitr";
import { startBackrestCluster, type BackrestCluster } from "../../harness-extra/backrest-cluster";
import { startTestS3, type TestS3 } from "../../harness-extra/s3-server";
import { SYSTEM_PG_BIN } from "../../harness-extra/system-pg";
import { createTestApp, type TestApp } from "../../harness/app";

export interface PitrFixture {
  s3: TestS3;
  cluster: BackrestCluster;
  app: TestApp;
  profileId: string;
  /** Runs a pitr job to its end and returns it. */
  finish(jobId: string, timeoutMs?: number): Promise<PitrJob>;
  /** A pool on a restored copy (through its profile's connection settings). */
  copyPool(job: PitrJob, database?: string): pg.Pool;
  dispose(): Promise<void>;
}

/**
 * One Debian PostgreSQL 15 cluster archiving to a posix repository (repo1) and to s3rver
 * over HTTPS (repo2), the app's services, a profile for the cluster and its pgBackRest
 * settings (S3 keys sealed by pgdesk, given to pgbackrest in its environment).
 */
export async function startPitrFixture(
  options: { settings?: Record<string, string>; globalOptions?: string[] } = {},
): Promise<PitrFixture> {
  const s3 = await startTestS3("pitr");
  const cluster = await startBackrestCluster({
    s3: {
      port: s3.port,
      bucket: s3.bucket,
      caFile: s3.certs.caCert,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
    ...options,
  });
  const app = await createTestApp();
  const profile = await app.call("profiles:save", { draft: { name: "pitr primary", ...cluster.connection } });
  await app.call("pitr:saveSettings", {
    profileId: profile.id,
    settings: {
      configPath: cluster.config,
      stanza: cluster.stanza,
      osUser: "postgres",
      location: "local",
      restoreRoot: cluster.copies,
      pgBinDir: SYSTEM_PG_BIN,
      timeoutSeconds: 60,
      repoSecrets: [{ repo: 2, s3Key: s3.accessKeyId, s3KeySecret: s3.secretAccessKey }],
    },
  });
  const pools: pg.Pool[] = [];
  return {
    s3,
    cluster,
    app,
    profileId: profile.id,
    finish: async (jobId, timeoutMs = 120_000) => {
      const done = (j: PitrJob) => j.id === jobId && ["succeeded", "failed", "cancelled"].includes(j.state);
      const already = (await app.call("pitr:jobs", {})).find(done);
      return already ?? (await app.waitForEvent("pitr:didProgress", done, timeoutMs));
    },
    copyPool: (job, database = "postgres") => {
      const pool = new pg.Pool({ ...cluster.connection, port: job.restore!.port!, database, max: 2 });
      pool.on("error", () => undefined);
      pools.push(pool);
      return pool;
    },
    dispose: async () => {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
      for (const copy of await app.call("pitr:copies", {}).catch(() => []))
        await app.call("pitr:dropCopy", { id: copy.id }).catch(() => undefined);
      await app.close();
      await cluster.stop();
      await s3.stop();
    },
  };
}

/** Row count and an order-independent digest of a table, as one comparable value. */
export async function tableState(
  pool: pg.Pool,
  table: string,
): Promise<{ rows: number; md5: string } | null> {
  const { rows } = await pool.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [
    table,
  ]);
  if (!rows[0]!.exists) return null;
  const r = await pool.query<{ rows: string; md5: string }>(
    `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM ${table} t`,
  );
  return { rows: Number(r.rows[0]!.rows), md5: r.rows[0]!.md5 };
}
