import { randomBytes } from "node:crypto";
import pg from "pg";
import { type CorpusStatement } from "./catalogue";
import { collectCorpus, type CorpusPlan } from "./collect";
import { optionSets } from "./option-sets";
import type { PsqlTarget } from "./psql-render";
import { corpusSchema } from "./schema";

export interface ServerLogin {
  major: number;
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface Corpus {
  server: string;
  plans: CorpusPlan[];
  target: PsqlTarget;
  drop(): Promise<void>;
}

let nextId = 0;

async function admin(login: ServerLogin, sql: string[]): Promise<void> {
  const c = new pg.Client({ ...login, database: "postgres" });
  await c.connect();
  try {
    for (const s of sql) await c.query(s);
  } finally {
    await c.end();
  }
}

/**
 * Databases of their own on the server (one per worker: a rolled-back write grows a table,
 * which must not change another run's estimates), the corpus schema in each (postgres_fdw
 * reaching it back through a role made for the run), then every statement under every
 * option set, shared out over the workers.
 */
export async function buildCorpus(
  login: ServerLogin,
  label: string,
  statements: CorpusStatement[],
  workers = 2,
): Promise<Corpus> {
  const suffix = randomBytes(4).toString("hex");
  const databases = Array.from({ length: workers }, (_, i) => `corpus_${suffix}_${i}`);
  const fdwUser = `corpus_fdw_${suffix}`;
  const fdwPassword = randomBytes(12).toString("hex");
  await admin(login, [
    ...databases.map((d) => `CREATE DATABASE ${d}`),
    `CREATE ROLE ${fdwUser} LOGIN PASSWORD '${fdwPassword}'`,
  ]);
  const targets: PsqlTarget[] = databases.map((database) => ({ ...login, database }));
  const clients = targets.map((t) => new pg.Client(t));
  const drop = async () => {
    await Promise.allSettled(clients.map((c) => c.end()));
    await admin(login, [
      ...databases.map((d) => `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`),
      `DROP ROLE IF EXISTS ${fdwUser}`,
    ]);
  };
  try {
    await Promise.all(
      clients.map(async (client, i) => {
        await client.connect();
        const schema = corpusSchema({
          major: login.major,
          port: login.port,
          database: databases[i]!,
          fdwUser,
          fdwPassword,
        });
        for (const s of schema) await client.query(s);
      }),
    );
    const plans = await collectCorpus(clients, {
      server: label,
      major: login.major,
      statements,
      optionSets,
      nextId: () => ++nextId,
    });
    await Promise.all(clients.map((c) => c.end()));
    return { server: label, plans, target: { ...targets[0]!, host: login.host }, drop };
  } catch (err) {
    await drop();
    throw err;
  }
}
