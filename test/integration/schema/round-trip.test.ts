import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseScript, type DumpScript } from "../../../src/main/features/schema/dump/script";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { catalogFingerprint, fingerprintDiff } from "./catalog-fingerprint";
import { corpusDatabase, dropWithSubscriptions, dumpStatements, statementDiff } from "./round-trip.support";

/*
 * The round-trip corpus on each server: pgdesk's whole-database script replays into an
 * empty database with 0 errors, as one script and entry by entry (each object's own DDL
 * after what it needs), and the replays equal the source: by an independent catalog
 * fingerprint on 15 and 18, and by Debian's pg_dump 15 on 15 (no pg_dump reads 18 here).
 */

interface RoundTrip {
  source: FreshDatabase;
  whole: FreshDatabase;
  oneByOne: FreshDatabase;
  script: DumpScript;
  errors: string[];
}

async function roundTrip(major: 15 | 18): Promise<RoundTrip> {
  const source = await corpusDatabase(major);
  const script = await databaseScript(source.pool, { owners: true, grants: true });
  const [whole, oneByOne] = await Promise.all([
    freshDatabase(major, "rt_whole"),
    freshDatabase(major, "rt_each"),
  ]);
  const errors: string[] = [];
  await whole.pool.query(script.script).catch((err: Error) => errors.push(`whole script: ${err.message}`));
  const client = await oneByOne.pool.connect();
  try {
    await client.query("SET check_function_bodies = false");
    for (const e of script.entries)
      await client
        .query(e.sql)
        .catch((err: Error) =>
          errors.push(`${e.object.kind} ${e.object.schema}.${e.object.name}: ${err.message}`),
        );
  } finally {
    client.release();
  }
  return { source, whole, oneByOne, script, errors };
}

async function dropAll(rt: RoundTrip | undefined) {
  if (!rt) return;
  await Promise.all([rt.source, rt.whole, rt.oneByOne].map(dropWithSubscriptions));
}

describe.each([15, 18] as const)("round trip on PostgreSQL %i", (major) => {
  let rt: RoundTrip;
  beforeAll(async () => {
    rt = await roundTrip(major);
  });
  afterAll(() => dropAll(rt));

  it("replays with 0 errors, whole and entry by entry, and says nothing was left out", () => {
    expect(rt.errors).toEqual([]);
    expect(rt.script.notes).toEqual([]);
    expect(rt.script.entries.length).toBeGreaterThan(100);
  });

  it("equals the source by the catalog fingerprint (0 diff lines)", async () => {
    const source = await catalogFingerprint(rt.source.pool);
    expect(source.length).toBeGreaterThan(600);
    expect(fingerprintDiff(source, await catalogFingerprint(rt.whole.pool))).toEqual([]);
    expect(fingerprintDiff(source, await catalogFingerprint(rt.oneByOne.pool))).toEqual([]);
  });

  it("writes no secret: the subscription's and mappings' passwords stay on the server", () => {
    expect(rt.script.script).not.toMatch(/password/i);
  });
});

describe("round trip on PostgreSQL 15 by pg_dump", () => {
  let rt: RoundTrip;
  beforeAll(async () => {
    rt = await roundTrip(15);
  });
  afterAll(() => dropAll(rt));

  it("pg_dump --schema-only of source and replays are the same statements (0 diff lines)", async () => {
    expect(rt.errors).toEqual([]);
    const source = await dumpStatements(rt.source);
    expect(source.length).toBeGreaterThan(150);
    expect(statementDiff(source, await dumpStatements(rt.whole))).toEqual([]);
    expect(statementDiff(source, await dumpStatements(rt.oneByOne))).toEqual([]);
  });
});
