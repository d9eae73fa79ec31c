import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { PrivateServer } from "../harness/private-server";

export interface BenchServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** postgres:// URL for psql/pg_dump baselines (password via PGPASSWORD in env only). */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * The server a scenario measures: PGDESK_BENCH_URL when given, else a fresh embedded
 * PostgreSQL 15 with pg_stat_statements, stopped by stop().
 */
export async function benchServer(): Promise<BenchServer> {
  const url = process.env.PGDESK_BENCH_URL;
  if (url) {
    const u = new URL(url);
    const s = {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
    };
    return { ...s, env: pgEnv(s), stop: async () => undefined };
  }
  const password = "bench";
  const server = await PrivateServer.start({
    prefix: "pgdesk-bench-",
    password,
    settings: {
      shared_preload_libraries: "pg_stat_statements",
      synchronous_commit: "off",
      max_connections: "200",
    },
  });
  const s = { host: "127.0.0.1", port: server.port, user: server.user, password };
  return { ...s, env: pgEnv(s), stop: () => server.dispose() };
}

function pgEnv(s: { host: string; port: number; user: string; password: string }): NodeJS.ProcessEnv {
  return { ...process.env, PGHOST: s.host, PGPORT: String(s.port), PGUSER: s.user, PGPASSWORD: s.password };
}

/** Creates (or recreates) a database on the bench server and returns a pool on it. */
export async function benchDatabase(server: BenchServer, name: string): Promise<pg.Pool> {
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "postgres",
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return new pg.Pool({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: name,
    max: 4,
  });
}

export interface BenchScenario {
  server: BenchServer;
  /** A pool on the scenario's database, for arranging its data. */
  setup: pg.Pool;
  /** The pool the app's code runs on, shaped as the app's (appSizedPool). */
  pool: pg.Pool;
  /** A temp folder for baseline scripts. */
  tmp: string;
  /** Ends the pools, removes the folder and stops the server. */
  close(): Promise<void>;
}

/** What a scenario starts from: the server, a database of its own, the app-sized pool on it, a temp folder. */
export async function benchScenario(database: string, applicationName?: string): Promise<BenchScenario> {
  const server = await benchServer();
  const setup = await benchDatabase(server, database);
  const pool = appSizedPool(server, database, applicationName);
  setup.on("error", () => undefined);
  pool.on("error", () => undefined);
  const tmp = await mkdtemp(join(tmpdir(), `pgdesk-${database}-`));
  return {
    server,
    setup,
    pool,
    tmp,
    close: async () => {
      await pool.end();
      await setup.end();
      await rm(tmp, { recursive: true, force: true });
      await server.stop();
    },
  };
}

/** A pool shaped as the app's (3 connections per profile, the ConnectionManager default) on `database`. */
export function appSizedPool(server: BenchServer, database: string, applicationName?: string): pg.Pool {
  return new pg.Pool({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
    max: 3,
    ...(applicationName ? { application_name: applicationName } : {}),
  });
}

/** Runs psql with an argument array (no shell); throws on failure. */
export function psql(server: BenchServer, database: string, args: string[]): string {
  const r = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, ...args], {
    env: server.env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

export interface Measured {
  app: number[];
  baseline: number[];
}

/** One warm-up each, then app and baseline alternately `runs` times; returns ms per run. */
export async function alternate(
  runs: number,
  app: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<Measured> {
  await app();
  await baseline();
  const m: Measured = { app: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    m.app.push(await time(app));
    m.baseline.push(await time(baseline));
  }
  return m;
}

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Prints the one summary line BENCH.md defines. */
export function report(
  name: string,
  app: number,
  baseline: number,
  unit: string,
  target: string,
  runs: number,
): void {
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toString() : v.toFixed(1));
  console.log(
    `bench ${name}: app ${fmt(app)} ${unit}, baseline ${fmt(baseline)} ${unit}, ratio ${(app / baseline).toFixed(2)}, target ${target}, runs ${runs}`,
  );
}

/** --scale=N from the command line, else the scenario's default. */
export function scaleArg(defaultScale: number): number {
  const arg = process.argv.find((a) => a.startsWith("--scale="));
  return arg ? Number(arg.slice("--scale=".length)) : defaultScale;
}
