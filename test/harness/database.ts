import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { useFixture } from "./fixture";
import type { TestServer } from "./pg-servers";

export type Major = TestServer["major"];

export function testServers(): TestServer[] {
  return inject("pgServers");
}

export function testServer(major: Major): TestServer {
  const server = testServers().find((s) => s.major === major);
  if (!server) throw new Error(`No PostgreSQL ${major} test server was started`);
  return server;
}

export interface FreshDatabase {
  server: TestServer;
  name: string;
  /** A pool on the fresh database as the superuser, for arranging test data. */
  pool: pg.Pool;
  connection: { host: string; port: number; database: string; user: string; password: string };
  drop(): Promise<void>;
}

/** A new, empty database of its own for one test file (dropped by drop()). */
export async function freshDatabase(major: Major, prefix = "t"): Promise<FreshDatabase> {
  const server = testServer(major);
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ ...base(server), database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const connection = { ...base(server), database: name };
  const pool = new pg.Pool({ ...connection, max: 4 });
  pool.on("error", () => undefined); // tests that kill backends check errors where they happen
  return {
    server,
    name,
    pool,
    connection,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ ...base(server), database: "postgres" });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** What arranges a fresh database's data: SQL text, or a function for more. */
export type Seed = string | ((db: FreshDatabase) => Promise<unknown>);

/** freshDatabase() with its data arranged by `seed`; dropped again if seeding fails. */
export async function seededDatabase(major: Major, prefix: string, seed?: Seed): Promise<FreshDatabase> {
  const db = await freshDatabase(major, prefix);
  try {
    if (typeof seed === "string") await db.pool.query(seed);
    else if (seed) await seed(db);
    return db;
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/** seededDatabase() for the tests of the enclosing describe: made before them, dropped after them. */
export function useFreshDatabase(major: Major, prefix: string, seed?: Seed): FreshDatabase {
  return useFixture(
    () => seededDatabase(major, prefix, seed),
    (db) => db.drop(),
  );
}

function base(server: TestServer) {
  return { host: server.host, port: server.port, user: server.user, password: server.password };
}
